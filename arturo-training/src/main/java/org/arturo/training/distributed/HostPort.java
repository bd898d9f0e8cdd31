package org.arturo.training.distributed;

import java.util.Objects;

/** One task's address, {@code host:port}. */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.contains(":") || host.contains(",") || host.contains(" ")) {
            throw new IllegalArgumentException("host: expected a host name or IPv4 address, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " is outside [1, 65535] (host " + host + ")");
        }
    }

    /** Parses {@code host:port}; the error names the text and what was expected. */
    public static HostPort parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port (for example 127.0.0.1:2222)");
        }
        String portText = text.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': port '" + portText + "' is not a number in [1, 65535]");
        }
        return new HostPort(text.substring(0, colon), port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
