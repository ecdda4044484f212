// What the auth and staff commands need from the composition root.
import type { UnitDeps } from '../../db/unitOfWork.js';
import type { SessionKeys, SessionSettings } from './sessions.js';

export interface AuthDeps extends UnitDeps {
  keys: SessionKeys;
  session: SessionSettings;
}
