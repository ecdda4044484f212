// Builds the dependency bundles domain commands take from the app's dependencies.
import type { AuthDeps } from '../domain/auth/context.js';
import type { UnitDeps } from '../db/unitOfWork.js';
import type { AppDeps } from './types.js';

export const unitDeps = (deps: AppDeps): UnitDeps => ({ db: deps.db, publish: deps.hub.publish, clock: deps.clock });

export const authDeps = (deps: AppDeps): AuthDeps => ({ ...unitDeps(deps), keys: deps.config.secrets, session: deps.config.session });
