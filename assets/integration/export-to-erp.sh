#!/usr/bin/env bash
# The loop an ERP integration copies: read what the consumer has not acknowledged yet, hand it
# over, then acknowledge the last seq handed over. Delivery is at least once: a run cut off
# before the ack sends the same events again next time, with the same keys
# (STORE_ID:SEQ), so an ERP that stores the key books each event once.
#
#   BACKFLUSH_PIN_FILE=~/.backflush-pin assets/integration/export-to-erp.sh --user 4001
#
# Options before the script's own are passed to backflush (--db, --config, --user).
# ERP_URL: where to POST the JSON lines; unset = print what would be sent.
set -euo pipefail

BACKFLUSH=${BACKFLUSH:-backflush}
CONSUMER=${CONSUMER:-erp}
LIMIT=${LIMIT:-10000}

batch=$(mktemp)
trap 'rm -f "$batch"' EXIT

"$BACKFLUSH" "$@" export --consumer "$CONSUMER" --limit "$LIMIT" >"$batch"
count=$(wc -l <"$batch")
if [ "$count" -eq 0 ]; then
    echo "nothing new for $CONSUMER"
    exit 0
fi
# The last line's seq: every event through it is in this batch.
last=$(tail -n 1 "$batch" | sed -E 's/^\{"seq":([0-9]+),.*/\1/')

if [ -n "${ERP_URL:-}" ]; then
    curl --fail --silent --show-error -X POST -H 'Content-Type: application/x-ndjson' \
        --data-binary @"$batch" "$ERP_URL"
else
    echo "would send $count events to the ERP:"
    cat "$batch"
fi

"$BACKFLUSH" "$@" export ack --consumer "$CONSUMER" --through "$last"
