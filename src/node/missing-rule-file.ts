/** Why a rules folder (on disk or in git) is refused when one of its two required files is missing. */
export function missingRuleFile(where: string, name: string): string {
  return `${where}: ${name} がありません（ルールのフォルダには glossary.json と assumptions.json が必要です）`;
}
