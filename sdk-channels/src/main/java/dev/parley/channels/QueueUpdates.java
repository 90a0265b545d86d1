package dev.parley.channels;

import dev.parley.core.Channel;
import dev.parley.core.ClientRef;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.TenantId;
import dev.parley.core.channel.ChannelAdapter;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.core.channel.Outgoing;
import dev.parley.core.routing.SessionView;
import dev.parley.core.stats.WaitEstimate;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells waiting clients their place in the queue and expected wait, through their channel, when
 * the place changed since they were last told: what {@link ChannelGateway#tellWaitingClients()}
 * does.
 *
 * <p>Thread safety: {@link #tell} is synchronized; sends go out without waiting for their answers.
 */
final class QueueUpdates {
  private static final Logger log = LoggerFactory.getLogger(QueueUpdates.class);

  private final Parley parley;
  private final TenantId tenant;
  private final Map<Channel, ChannelAdapter> adapters;
  private final Set<Channel> channels;
  private final Function<WaitEstimate, String> text;
  /** The place each waiting client was last told. */
  private final Map<SessionId, Integer> told = new HashMap<>();

  QueueUpdates(Parley parley, TenantId tenant, Map<Channel, ChannelAdapter> adapters, Set<Channel> channels,
      Function<WaitEstimate, String> text) {
    this.parley = parley;
    this.tenant = tenant;
    this.adapters = adapters;
    this.channels = Set.copyOf(channels);
    this.text = text;
  }

  /** The default text: {@code You are number 3 in the queue. Expected wait: about 2 minutes.} */
  static String english(WaitEstimate e) {
    long minutes = (e.expectedWait().toSeconds() + 59) / 60;
    String wait = e.expectedWait().compareTo(Duration.ofMinutes(1)) < 0 ? "less than a minute"
        : minutes == 1 ? "about a minute" : "about " + minutes + " minutes";
    return "You are number " + e.position() + " in the queue. Expected wait: " + wait + ".";
  }

  synchronized int tell() {
    if (channels.isEmpty()) {
      return 0;
    }
    Set<SessionId> waiting = new HashSet<>();
    int sent = 0;
    for (SessionView v : parley.snapshot(tenant).sessions()) {
      Channel channel = v.entry().channel();
      Optional<ClientRef> client = v.entry().client();
      ChannelAdapter adapter = adapters.get(channel);
      if (v.position() == 0 || client.isEmpty() || adapter == null || !channels.contains(channel)) {
        continue;
      }
      waiting.add(v.id());
      if (told.getOrDefault(v.id(), 0) == v.position()) {
        continue;
      }
      Optional<WaitEstimate> estimate = parley.estimate(tenant, v.id());
      if (estimate.isEmpty()) {
        continue;
      }
      told.put(v.id(), v.position());
      adapter.send(Outgoing.of(client.get(), new OutboundMessage.Text(text.apply(estimate.get()))))
          .whenComplete((outcome, failure) -> {
            if (failure != null) {
              log.warn("could not tell session {} its place in the queue", v.id(), failure);
            }
          });
      sent++;
    }
    told.keySet().retainAll(waiting);
    return sent;
  }
}
