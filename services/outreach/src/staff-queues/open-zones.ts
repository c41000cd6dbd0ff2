import { LEGAL_CALLING_WINDOW, nextCallingInstant, resolveCallingZones } from '../compliance';

let zoneList: string[] | undefined;
const allZones = () => (zoneList ??= Intl.supportedValuesOf('timeZone'));

/**
 * The time zones whose legal calling window is open at `nowMs`, and whether the strictest-US fallback (no zone
 * known for the patient or the clinic) is open too. The queue filters on these in SQL; claiming re-checks the
 * exact zones of the task, so a zone missing from the list only hides a task, it never lets a call out.
 */
export function openCallingZones(nowMs: number): { zones: string[]; fallbackOpen: boolean } {
  const isOpen = (zones: ReturnType<typeof resolveCallingZones>) => nextCallingInstant(nowMs, zones, LEGAL_CALLING_WINDOW, new Set()) === nowMs;
  return {
    zones: allZones().filter((z) => isOpen({ basis: 'patient', zones: [z] })),
    fallbackOpen: isOpen(resolveCallingZones(null, null)),
  };
}
