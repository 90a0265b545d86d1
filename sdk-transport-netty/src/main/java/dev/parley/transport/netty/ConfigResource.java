package dev.parley.transport.netty;

import dev.parley.core.Command;
import dev.parley.core.TenantId;
import dev.parley.core.event.Event;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conventions of every piece of a tenant's configuration on the admin API (its settings, its
 * routing rules, a group, an operator, a chatbot, a webhook subscription, a template), written once:
 *
 * <ul>
 *   <li>{@code GET} answers the piece with an {@code ETag}, a digest of its configuration (an
 *       operator's live status is shown beside it but is not part of it);
 *   <li>{@code PUT} replaces the piece whole (absent optional fields take their defaults), so that
 *       the same {@code PUT} twice leaves what one left, with the same {@code ETag}; {@code DELETE}
 *       removes it;
 *   <li>a write may carry {@code If-Match} with the {@code ETag} read (or {@code *}: it must
 *       exist) and is refused {@code 412 PreconditionFailed}, changing nothing, when the piece
 *       changed meanwhile; {@code If-None-Match: *} makes a {@code PUT} create only. A write
 *       without them is unconditional (no {@code 428}), so scripts may simply set a piece;
 *   <li>the body is checked whole before anything is submitted ({@link Body}); the engine checks
 *       the rest and its refusals are mapped as everywhere ({@link Failure}).
 * </ul>
 *
 * <p>The check and the write are one step for the writers of this server: writes of one tenant's
 * configuration through it take turns.
 *
 * <p>Thread safety: safe for concurrent calls; one instance per server.
 */
final class ConfigResource {
  /** Reads the configuration a piece has now, as JSON; empty when there is no such piece. */
  @FunctionalInterface
  interface View {
    Optional<ObjectNode> read(Call call) throws Exception;
  }

  /**
   * The commands a write submits, made from the request once its preconditions hold, while the
   * tenant's configuration writes take turns (so that it may start from the configuration as it
   * is); its refusals change nothing.
   */
  @FunctionalInterface
  interface Change {
    List<Command> commands() throws Exception;
  }

  /**
   * A write of a piece kept outside the engine (a webhook subscription, a template), done once its
   * preconditions hold, while the tenant's configuration writes take turns; it answers the
   * engine's events it caused, if any.
   */
  @FunctionalInterface
  interface Write {
    List<Event> apply() throws Exception;
  }

  private final ConcurrentMap<TenantId, ReentrantLock> writes = new ConcurrentHashMap<>();

  /** {@code 200} with the piece and its {@code ETag}, shown with {@code live} added; or {@code missing}. */
  Response get(Call call, View view, UnaryOperator<ObjectNode> live, WireException missing) throws Exception {
    call.admin();
    ObjectNode config = view.read(call).orElseThrow(() -> missing);
    String etag = etag(config);
    return new Response.Json(200, live.apply(config.deepCopy()), etag);
  }

  /**
   * Submits the commands of {@code change} in order once the preconditions hold; answers {@code
   * 200} with the piece as it is afterwards, its new {@code ETag}, and the events caused.
   */
  Response put(Call call, View view, Change change) throws Exception {
    return replace(call, view, submit(call, change));
  }

  /** Submits {@code command}, which removes the piece, once the preconditions hold; answers {@code 204}. */
  Response delete(Call call, View view, Command command) throws Exception {
    return remove(call, view, submit(call, () -> List.of(command)));
  }

  /** As {@link #put}, for a piece that {@code write} replaces itself. */
  Response replace(Call call, View view, Write write) throws Exception {
    List<Event> events = new ArrayList<>();
    ObjectNode after = write(call, view, write, true, events)
        .orElseThrow(() -> new IllegalStateException("the piece is gone right after it was written"));
    String etag = etag(after);
    return new Response.Json(200, after.set("events", AdminApi.events(events).get("events")), etag);
  }

  /** As {@link #delete}, for a piece that {@code write} removes itself. */
  Response remove(Call call, View view, Write write) throws Exception {
    write(call, view, write, false, new ArrayList<>());
    return Response.noContent();
  }

  /** The write that submits the commands of {@code change} in order, answering their events. */
  private static Write submit(Call call, Change change) {
    return () -> {
      List<Event> events = new ArrayList<>();
      for (Command c : change.commands()) {
        events.addAll(call.await(call.server().parley.submit(call.tenant(), c)));
      }
      return events;
    };
  }

  private Optional<ObjectNode> write(Call call, View view, Write write, boolean put, List<Event> events)
      throws Exception {
    call.admin();
    ReentrantLock lock = writes.computeIfAbsent(call.tenant(), t -> new ReentrantLock());
    lock.lock();
    try {
      Optional<ObjectNode> before = view.read(call);
      check(call, before.map(ConfigResource::etag).orElse(null), put);
      events.addAll(write.apply());
      return view.read(call);
    } finally {
      lock.unlock();
    }
  }

  /** The preconditions of a write: {@code If-Match}, and for a {@code PUT} {@code If-None-Match: *}. */
  private static void check(Call call, @Nullable String current, boolean put) {
    String ifMatch = call.headers().get(HttpHeaderNames.IF_MATCH);
    if (ifMatch != null && !matches(ifMatch, current)) {
      throw new WireException(412, "PreconditionFailed", current == null
          ? "it does not exist (any more); create it without If-Match"
          : "it changed since it was read: its ETag is " + current + " now; read it again and redo the change");
    }
    String ifNoneMatch = call.headers().get(HttpHeaderNames.IF_NONE_MATCH);
    if (put && ifNoneMatch != null && current != null && (ifNoneMatch.strip().equals("*") || matches(ifNoneMatch, current))) {
      throw new WireException(412, "PreconditionFailed", "it exists already (ETag " + current + "); change it with If-Match");
    }
  }

  /** Whether an {@code If-Match} list names {@code current}: {@code *} names anything that exists. */
  private static boolean matches(String list, @Nullable String current) {
    if (current == null) {
      return false;
    }
    for (String tag : list.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || t.equals(current) || t.equals("W/" + current)) {
        return true;
      }
    }
    return false;
  }

  /** A strong entity tag: a digest of the configuration's JSON. */
  static String etag(ObjectNode config) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.bytes(config));
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ConfigResource" + writes.keySet();
  }
}
