package dev.parley.transport.netty;

import static dev.parley.transport.netty.Center.ACME;
import static dev.parley.transport.netty.Center.ALICE;
import static dev.parley.transport.netty.Center.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.OperatorStatus;
import dev.parley.core.SessionId;
import dev.parley.core.TenantSettings;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayName("The admin API's configuration")
class AdminConfigTest {
  private static final String API = "/api/v1/tenants/acme";
  private final Center center = new Center();
  private final String admin = center.adminToken(ACME);

  @AfterEach
  void stop() {
    center.close();
  }

  private TenantSettings settings() {
    return center.parley.snapshot(ACME).settings();
  }

  @Nested
  @DisplayName("follows one set of conventions")
  class Conventions {
    @Test
    @DisplayName("a GET has an ETag; a PUT with it writes and answers the new one; with a stale one it is 412 and changes nothing")
    void optimisticConcurrency() throws IOException {
      Center.Answer read = center.get(API + "/groups/sales", admin);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.etag()).startsWith("\"").endsWith("\"");

      Center.Answer written = center.send("PUT", API + "/groups/sales", admin, "{\"maxQueueLength\":7}", "If-Match", read.etag());
      assertThat(written.status()).isEqualTo(200);
      assertThat(written.json().get("maxQueueLength").asInt()).isEqualTo(7);
      assertThat(written.etag()).isNotEqualTo(read.etag()).isEqualTo(center.get(API + "/groups/sales", admin).etag());

      Center.Answer stale = center.send("PUT", API + "/groups/sales", admin, "{\"maxQueueLength\":9}", "If-Match", read.etag());
      assertThat(stale.status()).isEqualTo(412);
      assertThat(stale.json().at("/error/type").asString()).isEqualTo("PreconditionFailed");
      assertThat(stale.json().at("/error/message").asString()).contains(written.etag());
      assertThat(center.parley.snapshot(ACME).groups().get(Center.SALES).maxQueueLength()).isEqualTo(7);

      assertThat(center.send("PUT", API + "/groups/sales", admin, "{}", "If-None-Match", "*").status()).isEqualTo(412);
      assertThat(center.send("PUT", API + "/groups/new", admin, "{}", "If-Match", "*").status()).isEqualTo(412);
      assertThat(center.parley.snapshot(ACME).groups()).doesNotContainKey(GroupId.of("new"));
      assertThat(center.send("PUT", API + "/groups/new", admin, "{}", "If-None-Match", "*").status()).isEqualTo(200);
      assertThat(center.send("DELETE", API + "/groups/new", admin, null, "If-Match", read.etag()).status()).isEqualTo(412);
      assertThat(center.send("DELETE", API + "/groups/new", admin, null, "If-Match", "*").status()).isEqualTo(204);
    }

    @Test
    @DisplayName("the same PUT twice leaves what one left, with the same ETag")
    void idempotentPuts() throws IOException {
      String group = "{\"strategy\":\"round_robin\",\"offerTimeout\":\"PT45S\",\"priority\":3}";
      Center.Answer first = center.send("PUT", API + "/groups/support", admin, group);
      Center.Answer second = center.send("PUT", API + "/groups/support", admin, group);
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.etag()).isEqualTo(first.etag());
      assertThat(center.get(API + "/groups/support", admin).body()).isEqualTo(center.get(API + "/groups/support", admin).body());
      String rules = "{\"rules\":[{\"group\":\"support\",\"language\":\"de\"}]}";
      assertThat(center.send("PUT", API + "/routing-rules", admin, rules).etag())
          .isEqualTo(center.send("PUT", API + "/routing-rules", admin, rules).etag());
      assertThat(settings().rules()).hasSize(1);
    }

    @Test
    @DisplayName("a bad value is a 400 that names its field, and changes nothing")
    void fieldErrors() throws IOException {
      TenantSettings before = settings();
      assertField(center.send("PUT", API + "/groups/sales", admin, "{\"offerTimeout\":\"soon\"}"), "InvalidArgument", "offerTimeout");
      assertField(center.send("PUT", API + "/groups/sales", admin, "{\"offerTimeout\":\"-PT5S\"}"), "InvalidArgument", "offerTimeout");
      assertField(center.send("PUT", API + "/groups/sales", admin, "{\"maxQueueLength\":\"many\"}"), "Malformed", "maxQueueLength");
      assertField(center.send("PUT", API + "/groups/sales", admin, "{\"strategy\":\"fastest\"}"), "InvalidArgument", "strategy");
      assertField(center.send("PUT", API + "/groups/sales", admin, "{\"escalateAfter\":\"PT1M\"}"), "Malformed", "escalateTo");
      assertField(center.send("PUT", API + "/settings", admin, "{\"clientGrace\":\"P30D\"}"), "InvalidArgument", "clientGrace");
      assertField(center.send("PUT", API + "/settings", admin, "{\"goneOperatorStatus\":{\"presence\":\"ONLINE\"}}"),
          "InvalidArgument", "goneOperatorStatus.presence");
      assertField(center.send("PUT", API + "/routing-rules", admin,
          "{\"rules\":[{\"group\":\"sales\"},{\"group\":\"sales\",\"channels\":[\"pigeon\"]}]}"), "InvalidArgument", "rules[1].channels[0]");
      assertField(center.send("PUT", API + "/routing-rules", admin, "{\"rules\":[{\"group\":\"sales\",\"priority\":5000}]}"),
          "InvalidArgument", "rules[0].priority");
      assertField(center.send("PUT", API + "/operators/carol", admin, "{\"capacities\":{\"WEB_CHAT\":\"four\"}}"),
          "Malformed", "capacities.WEB_CHAT");
      assertField(center.send("PUT", API + "/operators/carol", admin, "{\"capacities\":{\"FAX\":2}}"),
          "InvalidArgument", "capacities.FAX");
      assertThat(settings()).isEqualTo(before);
      assertThat(center.parley.snapshot(ACME).operator(dev.parley.core.OperatorId.of("carol"))).isEmpty();
      assertThat(center.parley.snapshot(ACME).groups().get(Center.SALES).offerTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("the engine's refusals keep their types: unknown group 404, in use 409; another tenant's admin 403")
    void refusals() throws IOException {
      assertThat(center.send("PUT", API + "/settings", admin, "{\"defaultGroup\":\"nowhere\"}").json().at("/error/type")
          .asString()).isEqualTo("NoSuchGroup");
      assertThat(center.send("PUT", API + "/routing-rules", admin, "{\"rules\":[{\"group\":\"nowhere\"}]}").status())
          .isEqualTo(404);
      assertThat(center.send("DELETE", API + "/groups/sales", admin, null).json().at("/error/type").asString())
          .isEqualTo("StillInUse");
      assertThat(center.get(API + "/groups/nowhere", admin).json().at("/error/type").asString()).isEqualTo("NoSuchGroup");
      assertThat(center.get(API + "/settings", center.adminToken(GLOBEX)).status()).isEqualTo(403);
      assertThat(center.send("PUT", API + "/settings", center.operatorToken(ALICE), "{}").status()).isEqualTo(403);
      assertThat(settings().defaultGroup()).contains(Center.SALES);
    }

    private void assertField(Center.Answer answer, String type, String field) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.json().at("/error/type").asString()).as(answer.body()).isEqualTo(type);
      assertThat(answer.json().at("/error/field").asString()).as(answer.body()).isEqualTo(field);
    }
  }

  @Test
  @DisplayName("the tenant's settings are read and replaced whole, every field, keeping the rules")
  void tenantSettings() throws IOException {
    center.send("PUT", API + "/routing-rules", admin, "{\"rules\":[{\"group\":\"sales\",\"widget\":\"shop\"}]}");
    String all = "{\"defaultGroup\":\"sales\",\"switchesLocked\":true,\"operatorsMayBlock\":false,"
        + "\"invitationValidity\":\"PT2H\",\"endedRetention\":\"PT12H\",\"clientGrace\":\"PT30S\",\"operatorGrace\":\"PT2M\","
        + "\"goneOperatorStatus\":{\"presence\":\"OFFLINE\"},\"sessionsWaitForGoneOperator\":\"PT1M\"}";

    Center.Answer put = center.send("PUT", API + "/settings", admin, all);

    assertThat(put.status()).as(put.body()).isEqualTo(200);
    TenantSettings s = settings();
    assertThat(s.switchesLocked()).isTrue();
    assertThat(s.operatorsMayBlock()).isFalse();
    assertThat(s.invitationValidity()).isEqualTo(Duration.ofHours(2));
    assertThat(s.endedRetention()).isEqualTo(Duration.ofHours(12));
    assertThat(s.clientGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.operatorGrace()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.goneOperatorStatus()).isEqualTo(OperatorStatus.OFFLINE);
    assertThat(s.sessionsWaitForGoneOperator()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.rules()).hasSize(1);
    JsonNode read = center.get(API + "/settings", admin).json();
    assertThat(read.at("/goneOperatorStatus/presence").asString()).isEqualTo("OFFLINE");
    assertThat(read.get("operatorGrace").asString()).isEqualTo("PT2M");

    assertThat(center.send("PUT", API + "/settings", admin, "{\"defaultGroup\":\"sales\"}").status()).isEqualTo(200);
    assertThat(settings()).isEqualTo(TenantSettings.builder().defaultGroup(Center.SALES).rules(s.rules()).build());
  }

  @Test
  @DisplayName("routing rules are kept in order, and the dry run answers as the engine routes a new client")
  void rulesAndDryRun() throws IOException {
    center.send("PUT", API + "/groups/cz", admin, "{}");
    center.send("PUT", API + "/operators/carol", admin, "{\"groups\":{\"cz\":0},\"capacities\":{\"WEB_CHAT\":2}}");
    Center.Answer put = center.send("PUT", API + "/routing-rules", admin, "{\"rules\":["
        + "{\"group\":\"cz\",\"language\":\"cs\",\"channels\":[\"web-chat\"],\"priority\":2},"
        + "{\"group\":\"sales\",\"pageUrlPrefix\":\"https://shop.example/\",\"parameters\":{\"vip\":\"yes\"}}]}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().at("/rules/0/group").asString()).isEqualTo("cz");
    assertThat(put.json().at("/rules/0/channels/0").asString()).isEqualTo("WEB_CHAT");
    assertThat(put.json().at("/rules/1/parameters/vip").asString()).isEqualTo("yes");

    JsonNode cz = center.send("POST", API + "/routing-rules/dry-run", admin,
        "{\"entry\":{\"channel\":\"web-chat\",\"language\":\"cs\",\"priority\":1}}").json();
    assertThat(cz.get("group").asString()).isEqualTo("cz");
    assertThat(cz.get("reason").asString()).isEqualTo("RULE");
    assertThat(cz.get("rule").asInt()).isZero();
    assertThat(cz.get("priority").asInt()).isEqualTo(3);
    assertThat(cz.get("why").asString()).contains("rule 1");
    JsonNode fallback = center.send("POST", API + "/routing-rules/dry-run", admin,
        "{\"entry\":{\"channel\":\"whatsapp\",\"language\":\"cs\"}}").json();
    assertThat(fallback.get("reason").asString()).isEqualTo("DEFAULT_GROUP");
    JsonNode tried = center.send("POST", API + "/routing-rules/dry-run", admin,
        "{\"entry\":{\"language\":\"cs\"},\"rules\":[{\"group\":\"sales\",\"language\":\"cs\"}]}").json();
    assertThat(tried.get("group").asString()).isEqualTo("sales");
    assertThat(tried.get("rules").asString()).isEqualTo("given");
    assertThat(settings().rules().get(0).group().value()).isEqualTo("cz");
    assertThat(center.send("POST", API + "/routing-rules/dry-run", admin, "{\"entry\":{\"channel\":\"pigeon\"}}")
        .json().at("/error/field").asString()).isEqualTo("entry.channel");

    center.acme.setStatus(dev.parley.core.OperatorId.of("carol"), OperatorStatus.ONLINE).join();
    center.acme.arrive(SessionId.of("c1"), Entry.builder(Channel.WEB_CHAT).language("cs").build()).join();
    assertThat(center.acme.snapshot().session(SessionId.of("c1")).orElseThrow().groupId()).hasValue(GroupId.of("cz"));
  }

  @Test
  @DisplayName("a group has every field of its spec")
  void groupFields() throws IOException {
    center.acme.defineChatbot(dev.parley.core.ChatbotSpec.builder(ChatbotId.of("faq"),
        java.net.URI.create("https://bots.example/faq")).secret("s3cret-s3cret-s3cret").build()).join();
    String all = "{\"strategy\":\"LONGEST_IDLE\",\"offerTimeout\":\"PT40S\",\"autoAccept\":true,\"wrapUpLimit\":\"PT3M\","
        + "\"maxQueueLength\":50,\"priority\":2,\"escalateAfter\":\"PT5M\",\"escalateTo\":\"sales\",\"chatbot\":\"faq\","
        + "\"clientGrace\":\"PT20S\",\"reassignUnanswered\":\"PT4M\"}";
    Center.Answer put = center.send("PUT", API + "/groups/support", admin, all);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    JsonNode read = center.get(API + "/groups/support", admin).json();
    for (String field : new String[] {"strategy", "offerTimeout", "wrapUpLimit", "escalateAfter", "escalateTo", "chatbot",
        "clientGrace", "reassignUnanswered"}) {
      assertThat(read.get(field).asString()).as(field).isEqualTo(Json.MAPPER.readTree(all).get(field).asString());
    }
    assertThat(read.get("autoAccept").asBoolean()).isTrue();
    assertThat(read.get("maxQueueLength").asInt()).isEqualTo(50);
    assertThat(read.get("priority").asInt()).isEqualTo(2);
    assertThat(center.get(API + "/groups", admin).json().at("/items").valueStream().map(g -> g.get("id").asString()))
        .containsExactly("sales", "support");
  }

  @Test
  @DisplayName("operators are defined with channels, capacities and groups; an admin switches a locked channel and sets a status")
  void operators() throws IOException {
    center.send("PUT", API + "/settings", admin, "{\"defaultGroup\":\"sales\",\"switchesLocked\":true}");
    Center.Answer put = center.send("PUT", API + "/operators/carol", admin,
        "{\"groups\":{\"sales\":1},\"capacities\":{\"WEB_CHAT\":4,\"video-call\":1},\"phoneLine\":true}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().at("/capacities/VIDEO_CALL").asInt()).isEqualTo(1);

    Center.Answer switched = center.send("PUT", API + "/operators/carol/channels/web-chat", admin, "{\"on\":false}");
    assertThat(switched.status()).as(switched.body()).isEqualTo(200);
    assertThat(switched.json().at("/events/0/type").asString()).isEqualTo("ChannelSwitched");
    Center.Answer status = center.send("PUT", API + "/operators/carol/status", admin, "{\"presence\":\"away\",\"reason\":\"lunch\"}");
    assertThat(status.status()).isEqualTo(200);

    Center.Answer carol = center.get(API + "/operators/carol", admin);
    assertThat(carol.json().at("/switchedOff/0").asString()).isEqualTo("WEB_CHAT");
    assertThat(carol.json().get("presence").asString()).isEqualTo("AWAY");
    assertThat(carol.json().get("reason").asString()).isEqualTo("lunch");
    assertThat(carol.json().at("/groups/sales").asInt()).isEqualTo(1);
    assertThat(carol.etag()).as("the ETag is the configuration's, not the status'").isEqualTo(put.etag());
    assertThat(center.send("PUT", API + "/operators/carol/channels/pigeon", admin, "{\"on\":true}").status()).isEqualTo(404);
    assertThat(center.send("PUT", API + "/operators/nobody/status", admin, "{\"presence\":\"online\"}").json()
        .at("/error/type").asString()).isEqualTo("NoSuchOperator");

    assertThat(center.send("DELETE", API + "/operators/carol", admin, null).status()).isEqualTo(409); // away, not offline
    center.send("PUT", API + "/operators/carol/status", admin, "{\"presence\":\"offline\"}");
    assertThat(center.send("DELETE", API + "/operators/carol", admin, null).status()).isEqualTo(204);
    assertThat(center.get(API + "/operators/carol", admin).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("chatbots are defined, named by a group, never show their secret, and are removed when unused")
  void chatbots() throws IOException {
    Center.Answer put = center.send("PUT", API + "/chatbots/faq", admin,
        "{\"endpoint\":\"https://bots.example/faq\",\"secret\":\"a-long-shared-secret\",\"replyTimeout\":\"PT5S\"}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).doesNotContain("a-long-shared-secret");
    assertThat(center.send("PUT", API + "/chatbots/faq", admin, "{\"endpoint\":\"https://bots.example/v2\"}").status())
        .as("a PUT without the secret keeps it").isEqualTo(200);
    assertThat(center.parley.snapshot(ACME).chatbot(ChatbotId.of("faq")).orElseThrow().secret()).isEqualTo("a-long-shared-secret");
    assertThat(center.send("PUT", API + "/chatbots/new", admin, "{\"endpoint\":\"https://bots.example/x\"}").json()
        .at("/error/field").asString()).isEqualTo("secret");
    assertThat(center.send("PUT", API + "/chatbots/bad", admin, "{\"endpoint\":\"ftp://x\",\"secret\":\"a-long-shared-secret\"}")
        .json().at("/error/field").asString()).isEqualTo("endpoint");

    center.send("PUT", API + "/groups/support", admin, "{\"chatbot\":\"faq\"}");
    assertThat(center.get(API + "/chatbots", admin).json().at("/items/0/endpoint").asString()).isEqualTo("https://bots.example/v2");
    assertThat(center.send("DELETE", API + "/chatbots/faq", admin, null).json().at("/error/type").asString()).isEqualTo("StillInUse");
    center.send("PUT", API + "/groups/support", admin, "{}");
    assertThat(center.send("DELETE", API + "/chatbots/faq", admin, null).status()).isEqualTo(204);
    assertThat(center.get(API + "/chatbots/faq", admin).json().at("/error/type").asString()).isEqualTo("NoSuchChatbot");
  }

  @Test
  @DisplayName("away reasons and the tag catalogue are parts of the settings of their own, checked by the engine")
  void awayReasonsAndTags() throws IOException {
    Center.Answer reasons = center.send("PUT", API + "/away-reasons", admin, "{\"awayReasons\":[\"lunch\",\"training\"]}");
    assertThat(reasons.status()).as(reasons.body()).isEqualTo(200);
    assertThat(settings().awayReasons()).containsExactly("lunch", "training");
    assertThat(center.send("PUT", API + "/operators/alice/status", admin, "{\"presence\":\"away\",\"reason\":\"coffee\"}")
        .json().at("/error/type").asString()).isEqualTo("InvalidArgument");
    assertThat(center.send("PUT", API + "/operators/alice/status", admin, "{\"presence\":\"away\",\"reason\":\"lunch\"}")
        .status()).isEqualTo(200);
    assertThat(center.send("PUT", API + "/away-reasons", admin, "{\"awayReasons\":[\"lunch\",\"lunch\"]}").json()
        .at("/error/field").asString()).isEqualTo("awayReasons");

    Center.Answer tags = center.send("PUT", API + "/tags", admin,
        "{\"tags\":[{\"name\":\"refund\",\"colour\":\"#E53935\"},{\"name\":\"vip\",\"colour\":\"#1e88e5\"}]}");
    assertThat(tags.status()).as(tags.body()).isEqualTo(200);
    assertThat(center.get(API + "/tags", admin).json().at("/tags/0/colour").asString()).isEqualTo("#e53935");
    assertThat(settings().tags().keySet()).containsExactly("refund", "vip");
    assertThat(center.send("PUT", API + "/tags", admin, "{\"tags\":[{\"name\":\"x\",\"colour\":\"red\"}]}").json()
        .at("/error/field").asString()).isEqualTo("tags[0].colour");

    assertThat(center.send("PUT", API + "/settings", admin, "{\"defaultGroup\":\"sales\"}").status()).isEqualTo(200);
    assertThat(settings().tags()).hasSize(2);
    assertThat(settings().awayReasons()).hasSize(2);
  }

  @Test
  @DisplayName("auto-tags are a part of the settings of their own: keywords folded, a bad one named, kept by a settings PUT")
  void autoTags() throws IOException {
    Center.Answer put = center.send("PUT", API + "/auto-tags", admin,
        "{\"autoTags\":[{\"keyword\":\"Refund\",\"tag\":\"refunds\"},{\"keyword\":\"doručení\",\"tag\":\"delivery\"}]}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(center.get(API + "/auto-tags", admin).json().get("autoTags").toString())
        .isEqualTo("[{\"keyword\":\"doruceni\",\"tag\":\"delivery\"},{\"keyword\":\"refund\",\"tag\":\"refunds\"}]");
    assertThat(center.send("PUT", API + "/auto-tags", admin, "{\"autoTags\":[{\"keyword\":\"money back\",\"tag\":\"refunds\"}]}")
        .json().at("/error/field").asString()).isEqualTo("autoTags[0].keyword");
    assertThat(settings().autoTags()).hasSize(2);

    assertThat(center.send("PUT", API + "/settings", admin, "{\"defaultGroup\":\"sales\"}").status()).isEqualTo(200);
    assertThat(settings().autoTags()).containsEntry("refund", "refunds");
  }

  @Test
  @DisplayName("the history retention is a part of the settings of its own: set, named when out of range, kept by a settings PUT, and cleared")
  void retention() throws IOException {
    assertThat(center.get(API + "/retention", admin).body()).isEqualTo("{}");
    Center.Answer put = center.send("PUT", API + "/retention", admin, "{\"history\":\"P30D\"}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(settings().historyRetention()).hasValue(Duration.ofDays(30));
    assertThat(center.get(API + "/retention", admin).json().get("history").asString()).isEqualTo("PT720H");
    Center.Answer tooShort = center.send("PUT", API + "/retention", admin, "{\"history\":\"PT1H\"}");
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.json().at("/error/field").asString()).isEqualTo("history");
    assertThat(settings().historyRetention()).hasValue(Duration.ofDays(30));

    assertThat(center.send("PUT", API + "/settings", admin, "{\"defaultGroup\":\"sales\"}").status()).isEqualTo(200);
    assertThat(settings().historyRetention()).hasValue(Duration.ofDays(30));
    assertThat(center.send("PUT", API + "/retention", admin, "{}").status()).isEqualTo(200);
    assertThat(settings().historyRetention()).isEmpty();
  }
}
