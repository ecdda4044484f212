// Which counsellors can be rung right now: those with a registered phone (the workstation's softphone
// or a SIP desk phone), as the SIP edge reports. Calls from the edge require this skill, so the engine
// never offers a call to a counsellor nobody could ring; the profile a counsellor goes on duty with
// gets it while a phone is registered (and loses it, even if typed into the routing profile, when not).
import type { CounsellorProfile } from '../types.js';

export const PHONE_SKILL = 'sip-phone';

export class PhoneEndpoints {
  private readonly registered = new Set<string>();

  has(staffId: string): boolean {
    return this.registered.has(staffId);
  }

  /** Records a counsellor's phone as registered or gone; true if that changed. */
  set(staffId: string, registered: boolean): boolean {
    if (this.registered.has(staffId) === registered) return false;
    if (registered) this.registered.add(staffId);
    else this.registered.delete(staffId);
    return true;
  }

  /** All registered counsellors at once (a resync from the edge): the staff ids whose state changed. */
  replaceAll(staffIds: Iterable<string>): string[] {
    const next = new Set(staffIds);
    const changed = [...this.registered].filter((id) => !next.has(id)).concat([...next].filter((id) => !this.registered.has(id)));
    this.registered.clear();
    for (const id of next) this.registered.add(id);
    return changed;
  }

  /** The profile with the phone skill exactly when a phone is registered. */
  apply(staffId: string, profile: CounsellorProfile): CounsellorProfile {
    const skills = profile.skills.filter((s) => s !== PHONE_SKILL);
    return { ...profile, skills: this.registered.has(staffId) ? [...skills, PHONE_SKILL] : skills };
  }
}
