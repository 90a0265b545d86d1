package dev.parley.channels.telephony;

import dev.parley.core.channel.HttpReply;
import dev.parley.core.channel.InboundItem.CallEvent;
import dev.parley.core.channel.InboundRequest;
import java.time.Instant;
import java.util.List;

/**
 * One PBX's way of reporting calls: how its requests are verified, read and answered.
 *
 * <p>Threading: called by {@link TelephonyAdapter#receive} on the caller's thread, possibly by
 * several threads at once; implementations must be thread-safe and must not block.
 *
 * <p>Failure: {@link #verify} throws {@link dev.parley.core.channel.BadSignatureException} and
 * {@link #parse} {@link dev.parley.core.channel.MalformedPayloadException} for bad input; any other
 * exception is a bug in the dialect and propagates to the caller of {@code receive}.
 */
public interface CallDialect {
  /** Whether {@link #verify} proves where requests come from. */
  boolean verifiesSignature();

  /** Checks that the request comes from the PBX; called before {@link #parse}. */
  void verify(InboundRequest request);

  /** The call events in the request, in order; {@code now} is for PBXs that send no instants. */
  List<CallEvent> parse(InboundRequest request, Instant now);

  /**
   * The answer to the PBX for a request that carried {@code events} (all of them, duplicates
   * included, so that a retried request gets the same answer); {@code callerBlocked} when the
   * caller is on the blacklist.
   */
  HttpReply reply(List<CallEvent> events, boolean callerBlocked);
}
