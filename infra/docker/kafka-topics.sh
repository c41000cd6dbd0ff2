#!/bin/sh
# Topics with their dead-letter twins, as infra/kafka-topics.mjs creates them natively.
set -e
T=/opt/kafka/bin/kafka-topics.sh
until $T --bootstrap-server kafka:9092 --list >/dev/null 2>&1; do sleep 2; done
for spec in ehr.events.v1:12 payments.events.v1:6 outreach.events.v1:6 placement.events.v1:3 collections.events.v1:6; do
  name=${spec%%:*}; parts=${spec##*:}
  $T --bootstrap-server kafka:9092 --create --if-not-exists --topic "$name" --partitions "$parts" --replication-factor 1
  $T --bootstrap-server kafka:9092 --create --if-not-exists --topic "$name.dlq" --partitions 1 --replication-factor 1
done
