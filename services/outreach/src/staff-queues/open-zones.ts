import { LEGAL_CALLING_WINDOW, nextCallingInstant, resolveCallingZones } from '../compliance';

/**
 * Which of `zones` (the calling zones of open tasks; null = none known) have their legal calling window open at
 * `nowMs`. A zone the guard does not recognise counts as the strictest-US fallback, as the guard treats it.
 * The queue filters on these in SQL; claiming re-checks the task's exact zones.
 */
export function openCallingZones(zones: (string | null)[], nowMs: number): { open: string[]; fallbackOpen: boolean } {
  const isOpen = (zone: string | null) => nextCallingInstant(nowMs, resolveCallingZones(zone, null), LEGAL_CALLING_WINDOW, new Set()) === nowMs;
  return { open: zones.filter((z): z is string => z !== null && isOpen(z)), fallbackOpen: isOpen(null) };
}
