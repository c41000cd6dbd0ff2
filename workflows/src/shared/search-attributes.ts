import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes registered on the namespace (infra/servers.sh); ops filter on them in Temporal UI. */
export const SearchAttributes = {
  TenantId: defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD),
  ClinicId: defineSearchAttributeKey('ClinicId', SearchAttributeType.KEYWORD),
  Stage: defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD),
  Segment: defineSearchAttributeKey('Segment', SearchAttributeType.KEYWORD),
  BalanceCents: defineSearchAttributeKey('BalanceCents', SearchAttributeType.INT),
  DaysSinceFirstStatement: defineSearchAttributeKey('DaysSinceFirstStatement', SearchAttributeType.INT),
  NextActionAt: defineSearchAttributeKey('NextActionAt', SearchAttributeType.DATETIME),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SearchAttributes);
