#!/usr/bin/env bash
# The second, SASL/SCRAM-only local broker (127.0.0.1:19092, TLS on 19094): kafka.sh in its sasl profile.
#   bash infra/kafka/kafka-sasl.sh <fetch|start|stop|status|reset>
# See kafka.sh for the environment it reads.
set -euo pipefail
exec bash "$(dirname -- "${BASH_SOURCE[0]}")/kafka.sh" sasl "$@"
