# Sourced by scripts/test: a throwaway SMTP server (scripts/lib/smtp-sink.py, Python's standard
# library only) on a free local port, which keeps every message it is sent as a file.
# After `start_smtp_sink`, $HALLMARK_TEST_SMTP is its plain address (127.0.0.1:PORT) and
# $HALLMARK_TEST_SMTP_DIR the directory of the messages: NNNNN.eml, the envelope as
# X-Envelope-From and X-Envelope-To header lines (and X-Envelope-TLS, X-Envelope-Login), then the
# message as sent. It also listens as a relay that needs TLS and a login, with a certificate for
# "localhost" signed by a throwaway authority made here: $HALLMARK_TEST_SMTP_STARTTLS and
# $HALLMARK_TEST_SMTP_TLS are its ports on 127.0.0.1 (STARTTLS, and TLS from the start),
# $HALLMARK_TEST_SMTP_INJECTED the STARTTLS relay with an answer added unencrypted after its go-ahead,
# $HALLMARK_TEST_SMTP_CA the authority's certificate and $HALLMARK_TEST_SMTP_LOGIN its USER:PASSWORD.
# `stop_smtp_sink` ends it and removes the directory; it sets no trap of its own, so the caller
# adds it to its EXIT trap. Needs free_port and as_root from scripts/lib/postgres.sh.

start_smtp_sink() {
    SMTP_SINK_DIR="$(mktemp -d /tmp/hallmark-smtp.XXXXXX)"
    # The sink's own output, beside the directory rather than among the messages.
    SMTP_SINK_LOG="$SMTP_SINK_DIR.log"
    local port starttls_port tls_port injected_port certificates login
    port="$(free_port)"
    starttls_port="$(free_port)"
    tls_port="$(free_port)"
    injected_port="$(free_port)"
    certificates="$SMTP_SINK_DIR.certificates"
    login="hallmark-test:$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    make_smtp_certificates "$certificates" || { stop_smtp_sink; return 1; }
    python3 "$(dirname "${BASH_SOURCE[0]}")/smtp-sink.py" --port "$port" --dir "$SMTP_SINK_DIR" \
        --starttls-port "$starttls_port" --tls-port "$tls_port" --injected-port "$injected_port" \
        --cert "$certificates/localhost.pem" --key "$certificates/localhost.key" --login "$login" \
        </dev/null >"$SMTP_SINK_LOG" 2>&1 &
    SMTP_SINK_PID=$!
    local _
    for _ in $(seq 100); do
        # Its own line first: a port taken meanwhile by something else would accept connections too.
        if grep -q "^SMTP sink listening" "$SMTP_SINK_LOG" && kill -0 "$SMTP_SINK_PID" 2>/dev/null \
            && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            export HALLMARK_TEST_SMTP="127.0.0.1:$port" HALLMARK_TEST_SMTP_DIR="$SMTP_SINK_DIR" \
                HALLMARK_TEST_SMTP_STARTTLS="$starttls_port" HALLMARK_TEST_SMTP_TLS="$tls_port" \
                HALLMARK_TEST_SMTP_INJECTED="$injected_port" \
                HALLMARK_TEST_SMTP_CA="$certificates/authority.pem" HALLMARK_TEST_SMTP_LOGIN="$login"
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

# A throwaway certificate authority and, signed by it, a certificate for "localhost" only (not
# 127.0.0.1, so that a client checking names refuses the relay reached by its address).
make_smtp_certificates() {
    local folder="$1"
    if ! command -v openssl >/dev/null; then
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
    fi
    mkdir -p "$folder"
    (
        cd "$folder" &&
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
                -subj "/CN=Hallmark test mail authority" -keyout authority.key -out authority.pem &&
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
                -subj "/CN=localhost" -keyout localhost.key -out localhost.csr &&
            printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' >localhost.ext &&
            openssl x509 -req -in localhost.csr -CA authority.pem -CAkey authority.key -CAcreateserial \
                -days 2 -extfile localhost.ext -out localhost.pem
    ) >"$folder.log" 2>&1 || {
        echo "Could not make the SMTP sink's certificates:" >&2
        cat "$folder.log" >&2
        return 1
    }
}

stop_smtp_sink() {
    if [ -n "${SMTP_SINK_PID:-}" ]; then
        kill "$SMTP_SINK_PID" 2>/dev/null || true
        wait "$SMTP_SINK_PID" 2>/dev/null || true
        SMTP_SINK_PID=""
    fi
    if [ -n "${SMTP_SINK_DIR:-}" ]; then
        rm -rf "$SMTP_SINK_DIR" "$SMTP_SINK_LOG" "$SMTP_SINK_DIR.certificates" "$SMTP_SINK_DIR.certificates.log"
        SMTP_SINK_DIR=""
    fi
}
