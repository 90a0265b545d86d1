package dev.parley.transport.netty;

import java.net.URI;
import java.util.Optional;

/**
 * Where each partition's owner takes requests, for a server whose engine is one node of a cluster:
 * a request whose tenant's partition this node does not serve is {@linkplain
 * ParleyServer.Builder#forwarding forwarded} there. Typically the cluster's directory:
 *
 * <pre>{@code
 * Owners owners = p -> node.cluster().directory().owner(p).map(o -> URI.create(o.address()));
 * }</pre>
 *
 * <p>Threading: called on the server's worker threads, once per attempt of a forwarded request; it
 * must not block for long. Thread safety: implementations must be thread-safe.
 */
@FunctionalInterface
public interface Owners {
  /**
   * The base URI ({@code http://10.0.0.5:8080}) of the server whose engine serves {@code
   * partition} now, or empty while the partition is moving.
   */
  Optional<URI> owner(int partition);
}
