package dev.parley.transport.netty;

import dev.parley.core.InvitationNotValidException;
import dev.parley.core.NoSuchGroupException;
import dev.parley.core.NoSuchOperatorException;
import dev.parley.core.NoSuchSessionException;
import dev.parley.core.NotPermittedException;
import dev.parley.core.NotOwnerException;
import dev.parley.core.ParleyException;
import dev.parley.core.channel.ChannelException;
import dev.parley.storage.StorageException;
import dev.parley.webhooks.NoSuchSubscriptionException;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What went wrong, as the wire tells it: an HTTP status, a type named after the condition
 * ({@code NoSuchSession}, {@code NotPermitted}, {@code Malformed}, …) and a message. The same
 * types name WebSocket error frames. Unexpected failures are logged here, once, and told as
 * {@code Internal} without their details.
 */
record Failure(int status, String type, String message, @Nullable String field) {
  private static final Logger log = LoggerFactory.getLogger(Failure.class);

  /** A failure about no field in particular. */
  Failure(int status, String type, String message) {
    this(status, type, message, null);
  }

  /** The failure {@code thrown} stands for. */
  static Failure of(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof WireException) {
      WireException w = (WireException) t;
      return new Failure(w.status(), w.type(), w.getMessage(), w.field());
    }
    if (t instanceof ChannelException) {
      return new Failure(((ChannelException) t).httpStatus(), name(t), t.getMessage());
    }
    if (t instanceof NotOwnerException) {
      return new Failure(503, "NotOwner", t.getMessage());
    }
    if (t instanceof ParleyException) {
      return new Failure(status((ParleyException) t), name(t), t.getMessage());
    }
    if (t instanceof IllegalArgumentException || t instanceof DateTimeParseException) {
      return new Failure(400, "InvalidArgument", t.getMessage());
    }
    if (t instanceof TimeoutException) {
      return new Failure(503, "Unavailable", "the engine did not answer in time; try again");
    }
    if (t instanceof StorageException) {
      log.warn("storage failed", t);
      return new Failure(503, "Unavailable", "the storage is unavailable; try again");
    }
    log.warn("unexpected failure", t);
    return new Failure(500, "Internal", "the server failed; the failure is logged");
  }

  private static int status(ParleyException e) {
    if (e instanceof NoSuchSessionException || e instanceof NoSuchGroupException
        || e instanceof NoSuchOperatorException || e instanceof InvitationNotValidException
        || e instanceof NoSuchSubscriptionException) {
      return 404;
    }
    if (e instanceof NotPermittedException) {
      return 403;
    }
    return 409; // a state the command does not fit: illegal transition, capacity, duplicate, still in use
  }

  /** {@code NoSuchSessionException} → {@code NoSuchSession}. */
  private static String name(Throwable t) {
    String name = t.getClass().getSimpleName();
    return name.endsWith("Exception") ? name.substring(0, name.length() - "Exception".length()) : name;
  }

  /** What {@code t} stands for, without the futures' wrappers. */
  static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** {@code {"error": {"type": …, "message": …, "field": …}}}, the body of an HTTP error; {@code field} only when one is at fault. */
  ObjectNode body() {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("type", type);
    error.put("message", message == null ? "" : message);
    if (field != null) {
      error.put("field", field);
    }
    return root;
  }
}
