package io.otp4j.sysops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Does network operations for a worker: the host (as requested, case-insensitively, IDNs in ASCII) and port
 * are checked against the grants of the protocol; a TCP host is then resolved once and that address is the
 * one connected to. HTTP goes through one {@link HttpClient} per worker that never follows redirects, since a
 * redirect could lead outside the grant. Stopping a job closes its socket or cancels its HTTP exchange.
 */
final class NetworkExecutor implements AutoCloseable {

    private final Policy policy;
    private final HttpClient http;

    NetworkExecutor(Policy policy) {
        this.policy = policy;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @SuppressWarnings("unchecked")
    <R> Result<R> execute(Job<R> job) throws Answered, IOException {
        NetworkOperation<R> operation = (NetworkOperation<R>) job.operation;
        return (Result<R>) switch (operation) {
            case NetworkOperation.TcpExchange tcp -> tcp(job, tcp);
            case NetworkOperation.HttpCall call -> http(job, call);
        };
    }

    private Result<NetworkOperation.Reply> tcp(Job<?> job, NetworkOperation.TcpExchange op)
            throws Answered, IOException {
        check(job, "tcp", op);
        InetAddress address = InetAddress.getByName(op.host());
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, op.timeout().toMillis()));
        try (Socket socket = new Socket()) {
            job.onStop(socket);
            socket.connect(new InetSocketAddress(address, op.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(op.request());
            out.flush();
            socket.shutdownOutput();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            boolean truncated = readUpTo(socket.getInputStream(), op.maxReplyBytes(), reply);
            job.released();
            job.bytes = op.request().length + reply.size();
            return new Result.Ok<>(new NetworkOperation.Reply(reply.toByteArray(), truncated));
        } catch (java.net.SocketTimeoutException e) {
            return new Result.TimedOut<>(op.timeout());
        }
    }

    private Result<NetworkOperation.HttpReply> http(Job<?> job, NetworkOperation.HttpCall op)
            throws Answered, IOException {
        check(job, "http", op);
        HttpRequest.Builder request = HttpRequest.newBuilder(op.uri()).timeout(op.timeout())
                .method(op.method(), op.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(op.body()));
        op.headers().forEach(request::header);
        CompletableFuture<HttpResponse<InputStream>> exchange =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        job.onStop(() -> exchange.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = exchange.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (CancellationException e) {
            throw new IOException("stopped", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                return new Result.TimedOut<>(op.timeout());
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean truncated;
        try (InputStream in = response.body()) {
            job.onStop(in);
            truncated = readUpTo(in, op.maxBodyBytes(), body);
        }
        job.released();
        job.bytes = op.body().length + body.size();
        return new Result.Ok<>(new NetworkOperation.HttpReply(response.statusCode(), response.headers().map(),
                body.toByteArray(), truncated));
    }

    private void check(Job<?> job, String protocol, NetworkOperation<?> op) throws Answered {
        Decision decision = policy.checkNet(job.principal, protocol, op.host(), op.port());
        job.decided(decision);
        if (decision instanceof Decision.Refused refused) {
            throw Answered.denied(job, refused);
        }
    }

    /** @return whether there was more than {@code cap} bytes (then reading stopped there) */
    private static boolean readUpTo(InputStream in, int cap, ByteArrayOutputStream into) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, cap + 1L - into.size()))) > 0) {
            into.write(buffer, 0, n);
            if (into.size() > cap) {
                byte[] kept = java.util.Arrays.copyOf(into.toByteArray(), cap);
                into.reset();
                into.write(kept, 0, cap);
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        http.shutdownNow(); // abort exchanges in flight: their jobs are over
        http.close();
    }
}
