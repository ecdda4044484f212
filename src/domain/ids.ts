// Identifiers as input: UUIDs are case-insensitive, and the database returns them in lower case,
// so every id that comes in is lower-cased before anything compares it.
import { z } from 'zod';

export const idInput = () => z.uuid().transform((id) => id.toLowerCase());
