package dev.parley.transport.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP route: a method and a path template whose {@code {name}} segments capture one
 * segment each, served by a handler on a worker thread.
 */
record Route(String method, String template, Handler handler) {
  /** Serves one call; runs on a worker thread and may block. */
  @FunctionalInterface
  interface Handler {
    Response handle(Call call) throws Exception;
  }

  /** The template's segments, without the leading empty one. */
  List<String> segments() {
    return split(template);
  }

  /** How many segments are literal: with two templates matching, the more literal wins. */
  int literals() {
    return (int) segments().stream().filter(s -> !s.startsWith("{")).count();
  }

  /** The captured segments, when {@code path} fits the template. */
  Optional<Map<String, String>> match(List<String> path) {
    List<String> mine = segments();
    if (mine.size() != path.size()) {
      return Optional.empty();
    }
    Map<String, String> captured = new java.util.LinkedHashMap<>();
    for (int i = 0; i < mine.size(); i++) {
      String s = mine.get(i);
      if (s.startsWith("{")) {
        if (path.get(i).isEmpty()) {
          return Optional.empty();
        }
        captured.put(s.substring(1, s.length() - 1), path.get(i));
      } else if (!s.equals(path.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(captured);
  }

  static List<String> split(String path) {
    List<String> parts = new ArrayList<>(List.of(path.split("/", -1)));
    if (!parts.isEmpty() && parts.get(0).isEmpty()) {
      parts.remove(0);
    }
    return parts;
  }
}
