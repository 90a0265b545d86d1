package dev.parley.transport.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The host's static web pages (a console, a widget): files of one classpath folder served at
 * {@code GET /name}, {@code /} being {@code index.html}. Only paths of plain names are looked up
 * (letters, digits, {@code -}, {@code _}, inner dots; no dot-files, no {@code ..}, at most four
 * segments) and only known file types are served, each with its media type and a policy that
 * keeps the page to its own origin's scripts and sockets.
 *
 * <p>Thread safety: thread-safe; a file is read from the classpath once and kept (the folder is
 * part of the host's jar and does not change while it runs).
 */
final class Pages {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final int MAX_SEGMENTS = 4;
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "json", "application/json",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "txt", "text/plain; charset=utf-8");

  private final ClassLoader loader;
  private final String folder;
  private final Map<String, Response.File> read = new ConcurrentHashMap<>();

  /**
   * @param folder a classpath folder such as {@code com/example/web}, without leading or trailing
   *     slash
   */
  Pages(ClassLoader loader, String folder) {
    this.loader = loader;
    this.folder = folder;
  }

  /** The file at a request's (decoded) path segments, if this folder has one. */
  Optional<Response.File> find(List<String> path) {
    List<String> segments = path.isEmpty() || (path.size() == 1 && path.get(0).isEmpty()) ? List.of("index.html") : path;
    if (segments.size() > MAX_SEGMENTS || !segments.stream().allMatch(s -> NAME.matcher(s).matches())) {
      return Optional.empty();
    }
    String name = String.join("/", segments);
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (type == null) {
      return Optional.empty();
    }
    Response.File file = read.get(name);
    if (file == null) {
      // Only files found are kept: names asked for in vain would grow the map without bound.
      file = load(name, type);
      if (file != null) {
        read.putIfAbsent(name, file);
      }
    }
    return Optional.ofNullable(file);
  }

  private Response.@Nullable File load(String name, String type) {
    try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
      return in == null ? null : new Response.File(type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the page " + name + " from the classpath", e);
    }
  }
}
