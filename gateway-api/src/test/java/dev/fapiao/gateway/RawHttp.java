package dev.fapiao.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.SocketFactory;

/**
 * A raw HTTP/1.1 exchange over a socket: the test writes exactly the bytes it wants (methods,
 * headers and lengths no client library would send) and reads status, headers and body.
 */
final class RawHttp {

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** A request from its parts; {@code Content-Length} is added for a body unless a header sets it. */
    static byte[] request(String method, String target, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        boolean length = false;
        for (String h : headers) {
            head.append(h).append("\r\n");
            length |= h.regionMatches(true, 0, "Content-Length:", 0, 15) || h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18);
        }
        if (!length && body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    static Response exchange(SocketFactory sockets, int port, byte[] bytes) throws IOException {
        try (Socket s = sockets.createSocket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
            } catch (SocketException e) {
                // the server answered and closed before the whole request was written: read that answer
            }
            return read(s.getInputStream());
        }
    }

    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) > 0; ) {
                buf.write(chunk, 0, n);
            }
        } catch (SocketException e) {
            // connection reset after the answer
        }
        byte[] all = buf.toByteArray();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        while (text.startsWith("HTTP/1.1 1") && end > 0) { // an interim answer (100 Continue): the real one follows
            all = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            text = text.substring(end + 4);
            end = text.indexOf("\r\n\r\n");
        }
        if (!text.startsWith("HTTP/1.") || end < 0) {
            throw new IOException("no HTTP response: '" + text.substring(0, Math.min(200, text.length())) + "'");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
    }

    private static byte[] dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            int size = Integer.parseInt(s.substring(i, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(raw, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
