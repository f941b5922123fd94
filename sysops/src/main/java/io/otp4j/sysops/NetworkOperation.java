package io.otp4j.sysops;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Network operations, checked against host and port grants. A host is matched as written in the request
 * (case-insensitively); it is resolved once and that address is the one connected to.
 *
 * @param <R> what a success answers
 */
public sealed interface NetworkOperation<R> extends Operation<R>
        permits NetworkOperation.TcpExchange, NetworkOperation.HttpCall {

    /** @return the host as requested */
    String host();

    /** @return the port */
    int port();

    /**
     * Connects, sends {@code request}, half-closes, and reads the reply until the peer closes or
     * {@code maxReplyBytes} have come (then the reply is marked truncated and the connection closed).
     *
     * @param host the host name or address
     * @param port the port, 1 to 65535
     * @param request what to send (copied)
     * @param maxReplyBytes the most read; positive
     * @param timeout for the whole exchange; positive
     */
    record TcpExchange(String host, int port, byte[] request, int maxReplyBytes, Duration timeout)
            implements NetworkOperation<Reply> {
        /** @throws IllegalArgumentException if a number is out of range */
        public TcpExchange {
            Objects.requireNonNull(host, "host");
            request = Objects.requireNonNull(request, "request").clone();
            checkPort(port);
            if (maxReplyBytes <= 0) {
                throw new IllegalArgumentException("maxReplyBytes must be positive: " + maxReplyBytes);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
        }

        @Override
        public byte[] request() {
            return request.clone();
        }

        @Override
        public String name() {
            return "net.tcp";
        }

        @Override
        public String target() {
            return host + ":" + port;
        }
    }

    /**
     * An HTTP request with the JDK's client; redirects are not followed (a redirect could leave the grant).
     *
     * @param method the method, e.g. {@code GET}
     * @param uri an {@code http} or {@code https} URI with a host
     * @param headers request headers
     * @param body the request body (copied); empty for none
     * @param maxBodyBytes the most of the response body kept; positive
     * @param timeout for the whole request; positive
     */
    record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, int maxBodyBytes,
            Duration timeout) implements NetworkOperation<HttpReply> {
        /** @throws IllegalArgumentException if the URI is not http(s) with a host, or a number is out of range */
        public HttpCall {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            body = Objects.requireNonNull(body, "body").clone();
            String scheme = uri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
                throw new IllegalArgumentException("an http or https URI with a host is required: " + uri);
            }
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
        }

        /**
         * @param uri the URI
         * @return a GET with no headers, a 1 MiB body cap and a 30 s timeout
         */
        public static HttpCall get(URI uri) {
            return new HttpCall("GET", uri, Map.of(), new byte[0], 1 << 20, Duration.ofSeconds(30));
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public String host() {
            return uri.getHost();
        }

        @Override
        public int port() {
            int port = uri.getPort();
            return port != -1 ? port : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }

        @Override
        public String name() {
            return "net.http";
        }

        @Override
        public String target() {
            return method + " " + uri;
        }
    }

    /**
     * A TCP reply.
     *
     * @param bytes what came back, up to the cap
     * @param truncated whether more was coming
     */
    record Reply(byte[] bytes, boolean truncated) {
        /** @throws NullPointerException if the bytes are null */
        public Reply {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /**
     * An HTTP response.
     *
     * @param status the status code
     * @param headers the response headers
     * @param body the body, up to the cap
     * @param truncated whether the body was longer than the cap
     */
    record HttpReply(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {
        /** @throws NullPointerException if an argument is null */
        public HttpReply {
            headers = Map.copyOf(headers);
            body = Objects.requireNonNull(body, "body").clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
