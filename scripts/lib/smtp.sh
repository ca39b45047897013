# Sourced by scripts/test: a throwaway SMTP server (scripts/lib/smtp-sink.py, Python's standard
# library only) on a free local port, which keeps every message it is sent as a file.
# After `start_smtp_sink`, $HALLMARK_TEST_SMTP is its address (127.0.0.1:PORT) and
# $HALLMARK_TEST_SMTP_DIR the directory of the messages: NNNNN.eml, the envelope as
# X-Envelope-From and X-Envelope-To header lines, then the message as sent.
# `stop_smtp_sink` ends it and removes the directory; it sets no trap of its own, so the caller
# adds it to its EXIT trap. Needs free_port from scripts/lib/postgres.sh.

start_smtp_sink() {
    SMTP_SINK_DIR="$(mktemp -d /tmp/hallmark-smtp.XXXXXX)"
    # The sink's own output, beside the directory rather than among the messages.
    SMTP_SINK_LOG="$SMTP_SINK_DIR.log"
    local port
    port="$(free_port)"
    python3 "$(dirname "${BASH_SOURCE[0]}")/smtp-sink.py" --port "$port" --dir "$SMTP_SINK_DIR" \
        </dev/null >"$SMTP_SINK_LOG" 2>&1 &
    SMTP_SINK_PID=$!
    local _
    for _ in $(seq 100); do
        # Its own line first: a port taken meanwhile by something else would accept connections too.
        if grep -q "^SMTP sink listening" "$SMTP_SINK_LOG" && kill -0 "$SMTP_SINK_PID" 2>/dev/null \
            && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            export HALLMARK_TEST_SMTP="127.0.0.1:$port" HALLMARK_TEST_SMTP_DIR="$SMTP_SINK_DIR"
            echo "SMTP sink is running on port $port."
            return 0
        fi
        if ! kill -0 "$SMTP_SINK_PID" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    echo "The SMTP sink did not start:" >&2
    cat "$SMTP_SINK_LOG" >&2
    stop_smtp_sink
    return 1
}

stop_smtp_sink() {
    if [ -n "${SMTP_SINK_PID:-}" ]; then
        kill "$SMTP_SINK_PID" 2>/dev/null || true
        wait "$SMTP_SINK_PID" 2>/dev/null || true
        SMTP_SINK_PID=""
    fi
    if [ -n "${SMTP_SINK_DIR:-}" ]; then
        rm -rf "$SMTP_SINK_DIR" "$SMTP_SINK_LOG"
        SMTP_SINK_DIR=""
    fi
}
