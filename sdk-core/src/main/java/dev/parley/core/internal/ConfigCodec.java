package dev.parley.core.internal;

import static java.util.stream.Collectors.joining;

import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Presence;
import dev.parley.core.RoutingRule;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.storage.ConfigRecord;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a tenant's configuration into the storage's flat {@link ConfigRecord}s and back; decoding
 * an encoded value gives an equal value.
 *
 * <p>Format 1, by kind and key (every record also carries {@code format=1}):
 *
 * <pre>
 * settings/tenant  defaultGroup=sales switchesLocked=false operatorsMayBlock=true
 *                  invitationValidity=PT24H endedRetention=PT24H [historyRetention=P30D] clientGrace=PT1M operatorGrace=PT1M
 *                  goneOperatorPresence=AWAY goneOperatorReason=disconnected sessionsWaitForGoneOperator=PT0S
 *                  rule.0.group=sales rule.0.priority=5 rule.0.channels=WEB_CHAT,VIDEO_CALL
 *                  rule.0.language=cs rule.0.widget=shop rule.0.pageUrlPrefix=https://shop/
 *                  rule.0.parameter.0.key=vip rule.0.parameter.0.value=yes
 *                  autoTag.0.keyword=refund autoTag.0.tag=refunds
 *                  awayReason.0=lunch awayReason.1=training tag.0.name=refund tag.0.colour=#e53935
 * group/ID         strategy=BY_UTILIZATION offerTimeout=PT30S autoAccept=false wrapUpLimit=PT2M
 *                  maxQueueLength=200 priority=0 escalateAfter=PT5M escalateTo=support chatbot=faq
 *                  clientGrace=PT30S reassignUnanswered=PT3M
 * chatbot/ID       endpoint=https://bots.example.com/faq secret=... replyTimeout=PT10S
 * operator/ID      group.GROUP_ID=RANK capacity.CHANNEL=N phoneLine=true
 * presence/ID      presence=AWAY awayReason=lunch switchedOff=PHONE,EMAIL phoneLine=true tracked=true
 * </pre>
 *
 * <p>Kinds with a dot in their name ({@code webhooks.subscription}) belong to other modules that
 * keep their configuration beside the engine's: the engine leaves them alone.
 *
 * <p>An absent optional value (default group, rule condition, escalation, chatbot, away reason) has no
 * property. Properties added after format 1 was first written (the presence settings, the away
 * reasons, the tag catalogue and the auto-tags, a group's client grace and unanswered time, an
 * operator's {@code tracked}) are optional when read, taking
 * their defaults, so that records written before them still read. Rules and their parameters are numbered from 0 without gaps; parameter keys sit in
 * property values, so they may hold any text. Durations are ISO-8601, channel sets are names in
 * declaration order, comma-separated.
 *
 * <p>Decoding is strict: a missing, unreadable or unexpected property, a value the builders refuse,
 * or another format throws {@link IllegalArgumentException} naming the record and the property.
 *
 * <p>Thread safety: stateless.
 */
final class ConfigCodec {
  static final String SETTINGS = "settings";
  static final String GROUP = "group";
  static final String OPERATOR = "operator";
  static final String PRESENCE = "presence";
  static final String CHATBOT = "chatbot";
  /** The key of the one settings record of a tenant. */
  static final String SETTINGS_KEY = "tenant";

  private static final String FORMAT = "format";
  private static final String FORMAT_1 = "1";

  private ConfigCodec() {}

  static ConfigRecord encode(TenantId tenant, TenantSettings settings) {
    Map<String, String> p = new HashMap<>();
    settings.defaultGroup().ifPresent(g -> p.put("defaultGroup", g.value()));
    p.put("switchesLocked", String.valueOf(settings.switchesLocked()));
    p.put("operatorsMayBlock", String.valueOf(settings.operatorsMayBlock()));
    p.put("invitationValidity", settings.invitationValidity().toString());
    p.put("endedRetention", settings.endedRetention().toString());
    settings.historyRetention().ifPresent(d -> p.put("historyRetention", d.toString()));
    p.put("clientGrace", settings.clientGrace().toString());
    p.put("operatorGrace", settings.operatorGrace().toString());
    p.put("goneOperatorPresence", settings.goneOperatorStatus().presence().name());
    Optional.ofNullable(settings.goneOperatorStatus().reason()).ifPresent(reason -> p.put("goneOperatorReason", reason));
    p.put("sessionsWaitForGoneOperator", settings.sessionsWaitForGoneOperator().toString());
    for (int i = 0; i < settings.rules().size(); i++) {
      putRule(p, "rule." + i + ".", settings.rules().get(i));
    }
    for (int i = 0; i < settings.awayReasons().size(); i++) {
      p.put("awayReason." + i, settings.awayReasons().get(i));
    }
    putPairs(p, "tag.", "name", "colour", settings.tags());
    putPairs(p, "autoTag.", "keyword", "tag", new TreeMap<>(settings.autoTags()));
    return record(tenant, SETTINGS, SETTINGS_KEY, p);
  }

  /** {@code pairs} in their order as {@code prefix0.key=…  prefix0.value=…}, numbered from 0. */
  private static void putPairs(Map<String, String> p, String prefix, String key, String value, Map<String, String> pairs) {
    int i = 0;
    for (Map.Entry<String, String> pair : pairs.entrySet()) {
      p.put(prefix + i + "." + key, pair.getKey());
      p.put(prefix + i++ + "." + value, pair.getValue());
    }
  }

  static TenantSettings decodeSettings(ConfigRecord record) {
    Reader r = new Reader(record, SETTINGS);
    r.key(key -> key.equals(SETTINGS_KEY) ? key : fail("expected " + SETTINGS_KEY));
    TenantSettings.Builder b = TenantSettings.builder();
    r.optional("defaultGroup", s -> b.defaultGroup(GroupId.of(s)));
    r.required("switchesLocked", s -> b.switchesLocked(bool(s)));
    r.required("operatorsMayBlock", s -> b.operatorsMayBlock(bool(s)));
    r.required("invitationValidity", s -> b.invitationValidity(duration(s)));
    r.required("endedRetention", s -> b.endedRetention(duration(s)));
    r.optional("historyRetention", s -> b.historyRetention(duration(s)));
    r.optional("clientGrace", s -> b.clientGrace(duration(s)));
    r.optional("operatorGrace", s -> b.operatorGrace(duration(s)));
    Optional<Presence> gone = r.optional("goneOperatorPresence", s -> named(Presence.class, s));
    Optional<String> goneReason = r.optional("goneOperatorReason", reason -> reason);
    gone.ifPresent(presence -> b.goneOperatorStatus(new OperatorStatus(presence, goneReason.orElse(null))));
    r.optional("sessionsWaitForGoneOperator", s -> b.sessionsWaitForGoneOperator(duration(s)));
    List<RoutingRule> rules = new ArrayList<>();
    for (int i = 0; r.hasAny("rule." + i + "."); i++) {
      rules.add(rule(r, "rule." + i + "."));
    }
    b.rules(rules);
    for (int i = 0; r.hasAny("autoTag." + i + "."); i++) {
      String tag = r.required("autoTag." + i + ".tag", t -> t);
      r.required("autoTag." + i + ".keyword", keyword -> b.autoTag(keyword, tag));
    }
    List<String> awayReasons = new ArrayList<>();
    for (int i = 0; r.hasAny("awayReason." + i); i++) {
      awayReasons.add(r.required("awayReason." + i, reason -> reason));
    }
    b.awayReasons(awayReasons);
    for (int i = 0; r.hasAny("tag." + i + "."); i++) {
      String name = r.required("tag." + i + ".name", tag -> tag);
      r.required("tag." + i + ".colour", colour -> b.tag(name, colour));
    }
    return r.finish(b::build);
  }

  static ConfigRecord encode(TenantId tenant, GroupSpec group) {
    Map<String, String> p = new HashMap<>();
    p.put("strategy", group.strategy().name());
    p.put("offerTimeout", group.offerTimeout().toString());
    p.put("autoAccept", String.valueOf(group.autoAccept()));
    p.put("wrapUpLimit", group.wrapUpLimit().toString());
    p.put("maxQueueLength", String.valueOf(group.maxQueueLength()));
    p.put("priority", String.valueOf(group.priority()));
    group.escalateAfter().ifPresent(d -> p.put("escalateAfter", d.toString()));
    group.escalateTo().ifPresent(g -> p.put("escalateTo", g.value()));
    group.chatbot().ifPresent(bot -> p.put("chatbot", bot.value()));
    group.clientGrace().ifPresent(d -> p.put("clientGrace", d.toString()));
    group.reassignUnanswered().ifPresent(d -> p.put("reassignUnanswered", d.toString()));
    return record(tenant, GROUP, group.id().value(), p);
  }

  static GroupSpec decodeGroup(ConfigRecord record) {
    Reader r = new Reader(record, GROUP);
    GroupSpec.Builder b = GroupSpec.builder(r.key(GroupId::of));
    r.required("strategy", s -> b.strategy(named(RoutingStrategy.class, s)));
    r.required("offerTimeout", s -> b.offerTimeout(duration(s)));
    r.required("autoAccept", s -> b.autoAccept(bool(s)));
    r.required("wrapUpLimit", s -> b.wrapUpLimit(duration(s)));
    r.required("maxQueueLength", s -> b.maxQueueLength(integer(s)));
    r.required("priority", s -> b.priority(integer(s)));
    r.optional("escalateAfter", s -> b.escalateAfter(duration(s), r.required("escalateTo", GroupId::of)));
    r.optional("chatbot", s -> b.chatbot(ChatbotId.of(s)));
    r.optional("clientGrace", s -> b.clientGrace(duration(s)));
    r.optional("reassignUnanswered", s -> b.reassignUnanswered(duration(s)));
    return r.finish(b::build);
  }

  static ConfigRecord encode(TenantId tenant, ChatbotSpec chatbot) {
    Map<String, String> p = new HashMap<>();
    p.put("endpoint", chatbot.endpoint().toString());
    p.put("secret", chatbot.secret());
    p.put("replyTimeout", chatbot.replyTimeout().toString());
    return record(tenant, CHATBOT, chatbot.id().value(), p);
  }

  static ChatbotSpec decodeChatbot(ConfigRecord record) {
    Reader r = new Reader(record, CHATBOT);
    ChatbotId id = r.key(ChatbotId::of);
    ChatbotSpec.Builder b = r.required("endpoint", s -> ChatbotSpec.builder(id, URI.create(s)));
    r.required("secret", b::secret);
    r.required("replyTimeout", s -> b.replyTimeout(duration(s)));
    return r.finish(b::build);
  }

  static ConfigRecord encode(TenantId tenant, OperatorSpec operator) {
    Map<String, String> p = new HashMap<>();
    operator.groups().forEach((group, rank) -> p.put("group." + group.value(), rank.toString()));
    operator.capacities().forEach((channel, n) -> p.put("capacity." + channel.name(), n.toString()));
    p.put("phoneLine", String.valueOf(operator.phoneLine()));
    return record(tenant, OPERATOR, operator.id().value(), p);
  }

  static OperatorSpec decodeOperator(ConfigRecord record) {
    Reader r = new Reader(record, OPERATOR);
    OperatorSpec.Builder b = OperatorSpec.builder(r.key(OperatorId::of));
    r.each("group.", (group, rank) -> b.group(GroupId.of(group), integer(rank)));
    r.each("capacity.", (channel, n) -> b.channel(named(Channel.class, channel), integer(n)));
    r.required("phoneLine", s -> b.phoneLine(bool(s)));
    return r.finish(b::build);
  }

  static ConfigRecord encode(TenantId tenant, OperatorId operator, OperatorPresence presence) {
    Map<String, String> p = new HashMap<>();
    p.put("presence", presence.status().presence().name());
    Optional.ofNullable(presence.status().reason()).ifPresent(reason -> p.put("awayReason", reason));
    p.put("switchedOff", names(presence.switchedOff()));
    p.put("phoneLine", String.valueOf(presence.phoneLine()));
    p.put("tracked", String.valueOf(presence.tracked()));
    return record(tenant, PRESENCE, operator.value(), p);
  }

  static OperatorPresence decodePresence(ConfigRecord record) {
    Reader r = new Reader(record, PRESENCE);
    r.key(OperatorId::of);
    Presence presence = r.required("presence", s -> named(Presence.class, s));
    OperatorStatus status = r.optional("awayReason", reason -> new OperatorStatus(presence, reason))
        .orElseGet(() -> new OperatorStatus(presence, null));
    Set<Channel> switchedOff = r.required("switchedOff", ConfigCodec::channels);
    boolean phoneLine = r.required("phoneLine", ConfigCodec::bool);
    boolean tracked = r.optional("tracked", ConfigCodec::bool).orElse(false);
    return r.finish(() -> new OperatorPresence(status, switchedOff, phoneLine, tracked));
  }

  private static void putRule(Map<String, String> p, String prefix, RoutingRule rule) {
    p.put(prefix + "group", rule.group().value());
    p.put(prefix + "priority", String.valueOf(rule.priority()));
    if (!rule.channels().isEmpty()) {
      p.put(prefix + "channels", names(rule.channels()));
    }
    rule.language().ifPresent(v -> p.put(prefix + "language", v));
    rule.widget().ifPresent(v -> p.put(prefix + "widget", v));
    rule.pageUrlPrefix().ifPresent(v -> p.put(prefix + "pageUrlPrefix", v));
    int j = 0;
    for (Map.Entry<String, String> parameter : new TreeMap<>(rule.parameters()).entrySet()) {
      p.put(prefix + "parameter." + j + ".key", parameter.getKey());
      p.put(prefix + "parameter." + j + ".value", parameter.getValue());
      j++;
    }
  }

  private static RoutingRule rule(Reader r, String prefix) {
    RoutingRule.Builder b = RoutingRule.to(r.required(prefix + "group", GroupId::of));
    r.required(prefix + "priority", s -> b.priority(integer(s)));
    r.optional(prefix + "channels", s -> {
      channels(s).forEach(b::channels);
      return b;
    });
    r.optional(prefix + "language", b::language);
    r.optional(prefix + "widget", b::widget);
    r.optional(prefix + "pageUrlPrefix", b::pageUrlPrefix);
    Set<String> keys = new HashSet<>();
    for (int j = 0; r.hasAny(prefix + "parameter." + j + "."); j++) {
      String parameter = prefix + "parameter." + j + ".";
      String key = r.required(parameter + "key", k -> keys.add(k) ? k : fail("repeats an earlier parameter key"));
      r.required(parameter + "value", v -> b.parameter(key, v));
    }
    return b.build();
  }

  private static ConfigRecord record(TenantId tenant, String kind, String key, Map<String, String> properties) {
    properties.put(FORMAT, FORMAT_1);
    return new ConfigRecord(tenant.value(), kind, key, properties);
  }

  private static String names(Set<Channel> channels) {
    return channels.stream().sorted().map(Channel::name).collect(joining(","));
  }

  private static Set<Channel> channels(String names) {
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    if (!names.isEmpty()) {
      Arrays.stream(names.split(",", -1)).forEach(name -> channels.add(named(Channel.class, name)));
    }
    return channels;
  }

  private static <E extends Enum<E>> E named(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      return fail("expected one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  private static int integer(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return fail("expected a whole number");
    }
  }

  private static Duration duration(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      return fail("expected an ISO-8601 duration such as PT30S");
    }
  }

  private static boolean bool(String text) {
    switch (text) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        return fail("expected true or false");
    }
  }

  private static <T> T fail(String message) {
    throw new IllegalArgumentException(message);
  }

  /** Reads one record's properties, keeping track of the unread ones to refuse what it does not expect. */
  private static final class Reader {
    private final ConfigRecord record;
    private final Set<String> unread;

    Reader(ConfigRecord record, String kind) {
      if (!record.kind().equals(kind)) {
        throw new IllegalArgumentException("expected kind " + kind + ", not " + record);
      }
      this.record = record;
      this.unread = new TreeSet<>(record.properties().keySet());
      required(FORMAT, f -> f.equals(FORMAT_1) ? f : fail("this engine reads format " + FORMAT_1 + " only"));
    }

    /** Parses the record's key. */
    <T> T key(Function<String, T> parse) {
      return guarded("key " + record.key() + ": ", () -> parse.apply(record.key()));
    }

    /** Whether a property's name starts with {@code prefix}. */
    boolean hasAny(String prefix) {
      return record.properties().keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }

    /** Parses a property that must be there. */
    <T> T required(String name, Function<String, T> parse) {
      return optional(name, parse).orElseThrow(() -> malformed("property " + name + " is missing", null));
    }

    /** Parses a property if it is there. */
    <T> Optional<T> optional(String name, Function<String, T> parse) {
      String value = record.properties().get(name);
      if (value == null) {
        return Optional.empty();
      }
      unread.remove(name);
      return Optional.of(guarded("property " + name + "=" + value + ": ", () -> parse.apply(value)));
    }

    /** Parses each property whose name starts with {@code prefix}, given the rest of the name and the value. */
    void each(String prefix, BiFunction<String, String, ?> parse) {
      for (String name : record.properties().keySet()) {
        if (name.startsWith(prefix)) {
          required(name, value -> parse.apply(name.substring(prefix.length()), value));
        }
      }
    }

    /** Builds the value once every property has been read. */
    <T> T finish(Supplier<T> build) {
      if (!unread.isEmpty()) {
        throw malformed("unexpected properties " + unread, null);
      }
      return guarded("", build);
    }

    /** Runs {@code read}, naming this record and {@code what} in whatever it throws. */
    private <T> T guarded(String what, Supplier<T> read) {
      try {
        return read.get();
      } catch (MalformedRecordException e) {
        throw e;
      } catch (RuntimeException e) {
        throw malformed(what + e.getMessage(), e);
      }
    }

    private MalformedRecordException malformed(String detail, @Nullable Throwable cause) {
      return new MalformedRecordException(record.kind() + " record " + record.key() + " of tenant " + record.tenant()
          + " is malformed (fix or remove it): " + detail, cause);
    }
  }

  /** Thrown once per record: an outer read passes it on as it is. */
  private static final class MalformedRecordException extends IllegalArgumentException {
    MalformedRecordException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
