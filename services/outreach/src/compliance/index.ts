export { evaluateAttempt } from './evaluate-attempt';
export {
  LEGAL_CALLING_WINDOW,
  US_TIME_ZONES,
  resolveCallingZones,
  nextCallingInstant,
  type CallingWindow,
  type CallingZones,
} from './calling-window';
export { REG_F_CALL_ATTEMPT_CAP, SEVEN_DAYS_MS } from './frequency';
export { isValidTimeZone } from './local-time';
export * from './types';
