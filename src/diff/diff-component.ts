import type { Component } from '../schema/measure.js';
import { childPath, type ChangeList, type Place } from './change-list.js';
import { conditionChanges } from './condition-changes.js';
import { amountParameters, describeAmount } from './describe-amount.js';

const WORDING = ['label', 'cite', 'assumptions'] as const;

/** Adds how one component changed: title, conditions, amount, caps, headcount. */
export function diffComponent(
  list: ChangeList,
  place: Place,
  base: Component,
  head: Component,
): void {
  list.fields(place, 'text', null, base, head, ['title', 'assumptions'], (name) => name);
  conditionChanges(list, place, base.conditions, head.conditions);

  if (base.amount.method !== head.amount.method) {
    list.changed(
      place,
      'amount-method',
      'amount',
      'amount',
      'amount',
      describeAmount(base.amount),
      describeAmount(head.amount),
    );
  } else {
    const after = new Map(amountParameters(head.amount));
    for (const [name, parameter] of amountParameters(base.amount)) {
      const now = after.get(name);
      if (now === undefined) continue;
      const at = { ...place, path: childPath(place, `amount.${name}`) };
      if (parameter.value !== now.value)
        list.changed(at, 'parameter', name, 'value', name, parameter.value, now.value);
      list.fields(at, 'text', name, parameter, now, WORDING, (field) => `${name} ${field}`);
    }
  }

  const headCaps = new Map((head.caps ?? []).map((cap) => [cap.id, cap]));
  const baseCaps = new Map((base.caps ?? []).map((cap) => [cap.id, cap]));
  for (const cap of base.caps ?? []) {
    const at = { ...place, path: childPath(place, `caps[${cap.id}]`) };
    const now = headCaps.get(cap.id);
    if (now === undefined) {
      list.presence(
        at,
        'cap-removed',
        cap.id,
        '',
        `cap ${cap.id} removed (${cap.scope} ${cap.limit ?? 'unstated'})`,
        cap.limit ?? 'unstated',
        null,
      );
      continue;
    }
    if (cap.limit !== now.limit)
      list.changed(
        at,
        'cap',
        cap.id,
        'limit',
        `cap ${cap.id}`,
        cap.limit ?? 'unstated',
        now.limit ?? 'unstated',
      );
    if (cap.scope !== now.scope)
      list.changed(at, 'cap', cap.id, 'scope', `cap ${cap.id} scope`, cap.scope, now.scope);
    // Which lines a cap covers and where its limit comes from change results as much as the limit.
    for (const field of ['on', 'when', 'shareOf', 'ofAllowed'] as const) {
      const was = JSON.stringify(cap[field] ?? null);
      const is = JSON.stringify(now[field] ?? null);
      if (was !== is) list.changed(at, 'cap', cap.id, field, `cap ${cap.id} ${field}`, was, is);
    }
    list.fields(at, 'text', cap.id, cap, now, WORDING, (field) => `cap ${cap.id} ${field}`);
  }
  for (const cap of head.caps ?? []) {
    if (baseCaps.has(cap.id)) continue;
    const at = { ...place, path: childPath(place, `caps[${cap.id}]`) };
    list.presence(
      at,
      'cap-added',
      cap.id,
      '',
      `cap ${cap.id} added (${cap.scope} ${cap.limit ?? 'unstated'})`,
      null,
      cap.limit ?? 'unstated',
    );
  }

  const [was, now] = [base.headcount, head.headcount];
  const at = { ...place, path: childPath(place, 'headcount') };
  if (was !== undefined && now === undefined) {
    list.presence(
      at,
      'headcount-removed',
      was.id,
      '',
      `headcount ${was.id} removed (${was.limit})`,
      String(was.limit),
      null,
    );
  } else if (was === undefined && now !== undefined) {
    list.presence(
      at,
      'headcount-added',
      now.id,
      '',
      `headcount ${now.id} added (${now.limit})`,
      null,
      String(now.limit),
    );
  } else if (was !== undefined && now !== undefined) {
    if (was.limit !== now.limit)
      list.changed(
        at,
        'headcount',
        now.id,
        'limit',
        `headcount ${now.id}`,
        String(was.limit),
        String(now.limit),
      );
    list.fields(at, 'text', now.id, was, now, ['id', ...WORDING], (field) => `headcount ${field}`);
  }
}
