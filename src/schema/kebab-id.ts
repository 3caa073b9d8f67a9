import * as z from 'zod';

/** A rule element's id: lower-case words joined by hyphens. */
export const KebabId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a kebab-case id');
