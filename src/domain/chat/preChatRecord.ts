// What a chat's optional pre-chat answers put into its contact record as a starting point (the
// counsellor checks and corrects them): who wrote, and for a child the age and gender.
import { ageGroupOf, type CallerType, type Gender } from '../records/vocabulary.js';
import type { PreChat } from './chatStore.js';

export interface PreChatFields {
  caller_type: CallerType | null;
  child_age: number | null;
  age_group: string | null;
  child_gender: Gender | null;
  region: string | null;
}

export function recordFieldsOfPreChat(p: PreChat): PreChatFields {
  const isChild = p.who === 'child' || p.who === 'teen';
  const callerType: CallerType | null = isChild ? 'child' : p.who === 'parent' ? 'parent' : p.who === 'adult' ? 'other_adult' : null;
  // Age and gender describe the child: given by the child themself (a parent's own age is not the child's).
  const age = isChild && p.age !== undefined ? p.age : null;
  const gender: Gender | null = isChild && p.gender === 'female' ? 'girl' : isChild && p.gender === 'male' ? 'boy' : null;
  return {
    caller_type: callerType,
    child_age: age,
    age_group: age === null ? null : ageGroupOf(age),
    child_gender: gender,
    region: p.region ?? null,
  };
}
