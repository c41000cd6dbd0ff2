#!/bin/sh
# Creates the `courtesy` namespace and its search attributes on the containerised Temporal server.
set -e
until temporal operator cluster health --address temporal:7233 >/dev/null 2>&1; do sleep 2; done
for ns in courtesy courtesy-test; do
  temporal operator namespace describe -n "$ns" --address temporal:7233 >/dev/null 2>&1 \
    || temporal operator namespace create -n "$ns" --retention 30d --address temporal:7233
  for sa in TenantId:Keyword ClinicId:Keyword Stage:Keyword Segment:Keyword BalanceCents:Int \
            DaysSinceFirstStatement:Int NextActionAt:Datetime; do
    temporal operator search-attribute create --namespace "$ns" --address temporal:7233 \
      --name "${sa%%:*}" --type "${sa##*:}" >/dev/null 2>&1 || true
  done
done
echo "temporal namespaces ready"
