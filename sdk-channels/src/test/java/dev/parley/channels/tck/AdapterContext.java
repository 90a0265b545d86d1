package dev.parley.channels.tck;

import dev.parley.channels.RetryPolicy;
import dev.parley.core.ClientRef;
import dev.parley.core.channel.OutboundSender;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What the kit gives the adapter under test: build the adapter with every one of these.
 *
 * @param clock the kit's manual clock
 * @param blocked the kit's blacklist
 * @param deduplicationWindow how long ids are remembered
 * @param baseUrl the loopback server standing in for the vendor API
 * @param retryPolicy fast retries (milliseconds), three attempts
 * @param transport a recording transport, for adapters whose outbound path is the host's
 */
public record AdapterContext(Clock clock, Predicate<ClientRef> blocked, Duration deduplicationWindow,
    String baseUrl, RetryPolicy retryPolicy, OutboundSender transport) {}
