// The one error table: every failure the API can report has a stable machine code, an HTTP
// status and an i18n key. Domain code throws AppError with a code; http/ maps it to a response.

export const ERRORS = {
  'request.invalid': { status: 400, key: 'errors.request.invalid' },
  'request.malformed': { status: 400, key: 'errors.request.malformed' },
  'request.too_large': { status: 413, key: 'errors.request.too_large' },
  'request.unsupported_media_type': { status: 415, key: 'errors.request.unsupported_media_type' },
  'route.not_found': { status: 404, key: 'errors.route.not_found' },
  'auth.unauthenticated': { status: 401, key: 'errors.auth.unauthenticated' },
  'auth.invalid_credentials': { status: 401, key: 'errors.auth.invalid_credentials' },
  'auth.too_many_attempts': { status: 429, key: 'errors.auth.too_many_attempts' },
  'auth.csrf_failed': { status: 403, key: 'errors.auth.csrf_failed' },
  'auth.forbidden': { status: 403, key: 'errors.auth.forbidden' },
  'auth.password_change_required': { status: 403, key: 'errors.auth.password_change_required' },
  'auth.wrong_password': { status: 400, key: 'errors.auth.wrong_password' },
  'password.too_weak': { status: 400, key: 'errors.password.too_weak' },
  'service.not_found': { status: 404, key: 'errors.service.not_found' },
  'service.name_taken': { status: 409, key: 'errors.service.name_taken' },
  'staff.not_found': { status: 404, key: 'errors.staff.not_found' },
  'staff.login_taken': { status: 409, key: 'errors.staff.login_taken' },
  'staff.cannot_change_self': { status: 409, key: 'errors.staff.cannot_change_self' },
  'staff.last_admin': { status: 409, key: 'errors.staff.last_admin' },
  'resource.version_conflict': { status: 409, key: 'errors.resource.version_conflict' },
  'realtime.bad_message': { status: 400, key: 'errors.realtime.bad_message' },
  'realtime.upgrade_required': { status: 426, key: 'errors.realtime.upgrade_required' },
  'routing.contact_not_found': { status: 404, key: 'errors.routing.contact_not_found' },
  'routing.contact_closed': { status: 409, key: 'errors.routing.contact_closed' },
  'routing.contact_exists': { status: 409, key: 'errors.routing.contact_exists' },
  'routing.offer_not_found': { status: 404, key: 'errors.routing.offer_not_found' },
  'routing.offer_closed': { status: 409, key: 'errors.routing.offer_closed' },
  'routing.invalid_state': { status: 409, key: 'errors.routing.invalid_state' },
  'routing.counsellor_unavailable': { status: 409, key: 'errors.routing.counsellor_unavailable' },
  'routing.capacity_full': { status: 409, key: 'errors.routing.capacity_full' },
  'routing.no_supervisor_on_duty': { status: 409, key: 'errors.routing.no_supervisor_on_duty' },
  'routing.wrapup_limit': { status: 409, key: 'errors.routing.wrapup_limit' },
  'routing.not_on_duty': { status: 409, key: 'errors.routing.not_on_duty' },
  'routing.command_id_reused': { status: 409, key: 'errors.routing.command_id_reused' },
  'routing.ingress_disabled': { status: 404, key: 'errors.routing.ingress_disabled' },
  'routing.no_caller_key': { status: 409, key: 'errors.routing.no_caller_key' },
  'routing.care_plan_not_found': { status: 404, key: 'errors.routing.care_plan_not_found' },
  'record.not_found': { status: 404, key: 'errors.record.not_found' },
  'record.exists': { status: 409, key: 'errors.record.exists' },
  'record.incomplete': { status: 422, key: 'errors.record.incomplete' },
  'record.unknown_reason': { status: 422, key: 'errors.record.unknown_reason' },
  'record.reasons_not_allowed': { status: 422, key: 'errors.record.reasons_not_allowed' },
  'record.correction_window_closed': { status: 403, key: 'errors.record.correction_window_closed' },
  'record.not_editable': { status: 409, key: 'errors.record.not_editable' },
  'classification.code_taken': { status: 409, key: 'errors.classification.code_taken' },
  'classification.category_not_found': { status: 404, key: 'errors.classification.category_not_found' },
  'risk_alert.not_found': { status: 404, key: 'errors.risk_alert.not_found' },
  'report.period_invalid': { status: 400, key: 'errors.report.period_invalid' },
  'report.export_not_found': { status: 404, key: 'errors.report.export_not_found' },
  'report.export_not_ready': { status: 409, key: 'errors.report.export_not_ready' },
  'chat.not_found': { status: 404, key: 'errors.chat.not_found' },
  'chat.exists': { status: 409, key: 'errors.chat.exists' },
  'chat.ended': { status: 409, key: 'errors.chat.ended' },
  'chat.closed_now': { status: 409, key: 'errors.chat.closed_now' },
  'chat.unavailable': { status: 404, key: 'errors.chat.unavailable' },
  'chat.blocked': { status: 403, key: 'errors.chat.blocked' },
  'chat.too_many_chats': { status: 429, key: 'errors.chat.too_many_chats' },
  'chat.too_many_messages': { status: 429, key: 'errors.chat.too_many_messages' },
  'chat.message_too_long': { status: 400, key: 'errors.chat.message_too_long' },
  'chat.message_empty': { status: 400, key: 'errors.chat.message_empty' },
  'chat.bad_token': { status: 404, key: 'errors.chat.bad_token' },
  'chat.feedback_given': { status: 409, key: 'errors.chat.feedback_given' },
  'chat.no_caller_key': { status: 409, key: 'errors.chat.no_caller_key' },
  'chat.block_not_found': { status: 404, key: 'errors.chat.block_not_found' },
  'canned.not_found': { status: 404, key: 'errors.canned.not_found' },
  'voice.disabled': { status: 404, key: 'errors.voice.disabled' },
  'voice.number_taken': { status: 409, key: 'errors.voice.number_taken' },
  'voice.call_not_found': { status: 404, key: 'errors.voice.call_not_found' },
  'voice.edge_unavailable': { status: 503, key: 'errors.voice.edge_unavailable' },
  'service.unavailable': { status: 503, key: 'errors.service.unavailable' },
  internal: { status: 500, key: 'errors.internal' },
} as const satisfies Record<string, { status: number; key: string }>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Values for the message template and for API clients (never personal data). */
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
