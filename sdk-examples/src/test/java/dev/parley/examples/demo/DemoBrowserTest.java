package dev.parley.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.parley.core.Channel;
import dev.parley.core.Command;
import com.sun.net.httpserver.HttpServer;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.SessionId;
import dev.parley.storage.SessionRecord;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}):
 * a client enters through the widget, alice accepts in her console, they chat, alice redirects the
 * client to dan with a note, dan ends and wraps up, the client gives feedback, and the admin page
 * finds the session; alice's day with templates, the client tab, contacts, tag suggestions and
 * away reasons; with nobody online the offline form arrives as an e-mail (GreenMail), a chat ends
 * with its transcript by e-mail, and alice contacts a WhatsApp client again (the Graph API on a
 * local server). Screenshots of alice's console are saved as {@code target/demo-console.png},
 * {@code target/demo-console-day.png} and {@code target/demo-outreach.png}, the offline form as
 * {@code target/demo-offline-form.png}. Skipped where no Chromium is installed.
 */
@DisplayName("The demo in a real browser")
class DemoBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String PASSWORD = "secret-pw";
  private static final String ADMIN = "admin-token-for-tests";

  @TempDir Path data;
  @TempDir Path profiles;
  private DemoCenter center;
  private ChromeDriver operators;
  private ChromeDriver client;

  /** A real SMTP server the demo mails offline forms and transcripts to. */
  private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  /** Stands for Meta's Graph API: answers every WhatsApp send, and keeps what it was sent. */
  private final MockWebServer graph = new MockWebServer();
  private final BlockingQueue<String> graphBodies = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "no Chromium here: install Debian's chromium and chromium-driver (.ci/run does)");
    smtp.start();
    graph.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        graphBodies.add(request.getBody() == null ? "" : request.getBody().utf8());
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
            .body("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid." + graphBodies.size() + "\"}]}")
            .build();
      }
    });
    graph.start(0);
    center = DemoCenter.start(new DemoOptions("127.0.0.1", 0, data, ADMIN, PASSWORD, "app-secret", "verify",
        Optional.of("graph-token"), "demo", Optional.empty(), Optional.empty(),
        Optional.of(new DemoOptions.Mail("127.0.0.1", smtp.getSmtp().getPort(), "team@demo.example")),
        Optional.of(graph.url("/v23.0/").toString())));
    operators = browser("operators");
    client = browser("client");
  }

  @AfterEach
  void stop() {
    for (WebDriver driver : new WebDriver[] {client, operators}) {
      if (driver != null) {
        driver.quit();
      }
    }
    if (center != null) {
      center.close();
    }
    graph.close();
    smtp.stop();
  }

  private ChromeDriver browser(String profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // As root in a sandbox without network: no sandbox, no GPU, and none of Chromium's own calls home.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--window-size=1400,1000", "--user-data-dir=" + profiles.resolve(profile));
    // The console's notifications are allowed, as an operator who said yes to the browser's question.
    options.setExperimentalOption("prefs", java.util.Map.of("profile.default_content_setting_values.notifications", 1));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private String url(String page) {
    return center.uri() + "/" + page;
  }

  private static WebDriverWait waiting(WebDriver driver) {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  private static WebElement visible(WebDriver driver, String css) {
    return waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static void click(WebDriver driver, String css) {
    waiting(driver).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  private static void textAppears(WebDriver driver, String css, String text) {
    waiting(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  /** The operator's console in front sends {@code text}, and the client's widget shows it. */
  private void operatorWrites(String text) {
    visible(operators, "#composer-text").sendKeys(text);
    click(operators, "#composer-send");
    textAppears(client, "#chat-messages", text);
  }

  /** Jana enters through the widget with her first message, and alice, in front, accepts her. */
  private void janaServedByAlice(String message) {
    client.get(url("widget.html"));
    visible(client, "#entry-name").sendKeys("Jana Nováková");
    client.findElement(By.id("entry-message")).sendKeys(message);
    click(client, "#entry-submit");
    click(operators, "#offers .offer button.accept");
    textAppears(client, "#chat-status", "chatting with alice");
  }

  /** The client's browser opens the admin page with the admin token. */
  private void openAdmin() {
    client.get(url("admin.html"));
    visible(client, "#token").sendKeys(ADMIN);
    click(client, "#token-submit");
  }

  private void logIn(String operator) {
    operators.get(url("console.html"));
    visible(operators, "#login-name").sendKeys(operator);
    operators.findElement(By.id("login-password")).sendKeys(PASSWORD);
    click(operators, "#login-submit");
    textAppears(operators, "#me", operator + " @ demo");
  }

  @Test
  @DisplayName("enter → accept → chat → redirect with a note → end → wrap-up → feedback, and the admin page finds it")
  void clientAndOperatorsThroughAWholeSession() throws IOException {
    logIn("alice");
    String alice = operators.getWindowHandle();

    client.get(url("widget.html"));
    visible(client, "#entry-name").sendKeys("Jana Nováková");
    client.findElement(By.id("entry-email")).sendKeys("jana@example.cz");
    client.findElement(By.id("entry-message")).sendKeys("Hello, where is my parcel?");
    click(client, "#entry-submit");
    visible(client, "#chat-messages");

    // sales routes by utilization; alice is its only operator online, so the offer is hers.
    click(operators, "#offers .offer button.accept");
    textAppears(client, "#chat-status", "chatting with alice");
    textAppears(operators, "#session-messages", "Hello, where is my parcel?");

    operatorWrites("It is on its way, arriving tomorrow.");
    visible(client, "#chat-text").sendKeys("Thank you! Can I change the address?");
    click(client, "#chat-send");
    textAppears(operators, "#session-messages", "Can I change the address?");

    visible(operators, "#tag-text").sendKeys("delivery");
    operators.findElement(By.cssSelector("#tag-form button")).click();
    textAppears(operators, "#tags", "delivery");
    Files.createDirectories(Path.of("target"));
    Files.copy(operators.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "demo-console.png"),
        StandardCopyOption.REPLACE_EXISTING);

    operators.switchTo().newWindow(WindowType.TAB);
    logIn("dan");
    String dan = operators.getWindowHandle();

    operators.switchTo().window(alice);
    click(operators, "#redirect-open");
    click(operators, "#picker input[value='operator:dan']");
    visible(operators, "#redirect-note").sendKeys("wants to change the delivery address");
    click(operators, "#redirect-submit");
    textAppears(client, "#chat-messages", "Transferred");

    operators.switchTo().window(dan);
    WebElement offer = visible(operators, "#offers .offer");
    assertThat(offer.getText()).contains("Jana Nováková");
    click(operators, "#offers .offer button.accept");
    textAppears(client, "#chat-status", "chatting with dan");
    textAppears(operators, "#session-messages", "Hello, where is my parcel?");
    textAppears(operators, "#notes", "wants to change the delivery address");
    operatorWrites("Done, the address is changed.");

    click(operators, "#end");
    visible(operators, "#wrapup");
    new org.openqa.selenium.support.ui.Select(operators.findElement(By.id("wrapup-result"))).selectByValue("solved");
    click(operators, "#wrapup-submit");
    textAppears(operators, "#no-session", "Accept a client");

    visible(client, "#feedback");
    click(client, "#rating-5");
    client.findElement(By.id("feedback-comment")).sendKeys("Quick and kind");
    click(client, "#feedback-submit");
    visible(client, "#entry");

    SessionRecord stored = center.parley().storage().sessions()
        .query(dev.parley.storage.SessionQuery.builder(DemoCenter.TENANT.value()).build()).items().get(0);
    assertThat(stored.operator()).contains("dan");
    assertThat(stored.result()).contains("solved");
    assertThat(stored.tags()).contains("delivery");
    waiting(client).until(d -> center.parley().storage().sessions().find("demo", stored.id()).orElseThrow()
        .rating().isPresent());

    openAdmin();
    click(client, "#history tr[data-session='" + stored.id() + "']");
    textAppears(client, "#detail-body", "Thank you! Can I change the address?");
    List<String> exports = List.of(client.findElement(By.id("export-csv")).getAttribute("href"),
        client.findElement(By.id("export-html")).getAttribute("href"));
    assertThat(exports).allSatisfy(href -> assertThat(href).contains("/api/v1/tenants/demo/sessions/export?format="));
    assertThat(new File("target/demo-console.png")).isFile();
  }

  @Test
  @DisplayName("a hidden console, told to notify, shows a notification for a new offer and a client's message; the choice is kept")
  void notifiesWhileHidden() {
    logIn("alice");
    click(operators, "#notify");
    operators.navigate().refresh(); // logs in again on its own, and remembers the choice
    textAppears(operators, "#me", "alice @ demo");
    assertThat(visible(operators, "#notify").isSelected()).isTrue();
    assertThat(operators.executeScript("return Notification.permission")).isEqualTo("granted");
    // The tab goes to the background (headless Chromium has none): document.hidden says so, and
    // each notification the console makes is recorded beside being shown.
    operators.executeScript("window.shown = [];"
        + "const Real = window.Notification;"
        + "window.Notification = class extends Real {"
        + "  constructor(title, options) { super(title, options); window.shown.push(title + ' | ' + options.body); } };"
        + "Object.defineProperty(window.Notification, 'permission', {get: () => Real.permission});"
        + "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});");

    client.get(url("widget.html"));
    visible(client, "#entry-name").sendKeys("Jana Nováková");
    click(client, "#entry-submit");
    waiting(operators).until(d -> shown().stream().anyMatch(n -> n.startsWith("New client: Jana Nováková | web chat")));

    click(operators, "#offers .offer button.accept");
    textAppears(client, "#chat-status", "chatting with alice");
    visible(client, "#chat-text").sendKeys("Are you there?");
    click(client, "#chat-send");
    waiting(operators).until(d -> shown().contains("Jana Nováková | Are you there?"));

    operators.executeScript("Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});");
    visible(client, "#chat-text").sendKeys("Hello?");
    click(client, "#chat-send");
    textAppears(operators, "#session-messages", "Hello?");
    assertThat(shown()).hasSize(2); // looking at the tab: nothing more
  }

  @Test
  @DisplayName("alice invites dan to help: he sees the transcript and her note, writes to the client, and leaves")
  void collaborator() {
    logIn("alice");
    String alice = operators.getWindowHandle();

    janaServedByAlice("My order never came.");
    visible(operators, "#note-text").sendKeys("order 42, paid by card");
    operators.findElement(By.cssSelector("#note-form button")).click();
    textAppears(operators, "#notes", "order 42, paid by card");
    operators.switchTo().newWindow(WindowType.TAB);
    logIn("dan"); // after alice took the client: the chat is hers
    String dan = operators.getWindowHandle();
    operators.switchTo().window(alice);

    click(operators, "#invite-open");
    click(operators, "#picker input[value='operator:dan']");
    click(operators, "#redirect-submit");
    textAppears(operators, "#session-head", "helping: dan");

    operators.switchTo().window(dan);
    textAppears(operators, "#session-head", "you help alice");
    textAppears(operators, "#session-messages", "My order never came.");
    textAppears(operators, "#notes", "order 42, paid by card");
    operatorWrites("I am looking into it with alice.");
    click(operators, "#leave");
    textAppears(operators, "#no-session", "Accept a client");

    operators.switchTo().window(alice);
    textAppears(operators, "#session-messages", "dan left the chat.");
    assertThat(operators.findElement(By.id("session-head")).getText()).doesNotContain("helping");
  }

  @Test
  @DisplayName("alice stars and inserts a template, adds the client to contacts and edits his e-mail in both, tags from suggestions, goes away for training")
  void operatorsDay() throws IOException {
    logIn("alice");
    janaServedByAlice("Where is my parcel?");

    click(operators, "#templates-box summary");
    click(operators, "#templates .template[data-template='greeting'] button.star");
    visible(operators, "#templates .template:first-child[data-template='greeting'][data-starred='true']");
    click(operators, "#templates .template[data-template='greeting'] button.insert");
    assertThat(operators.findElement(By.id("composer-text")).getAttribute("value"))
        .isEqualTo("Hello Jana Nováková, I am alice. How can I help you?");
    click(operators, "#composer-send");
    textAppears(client, "#chat-messages", "Hello Jana Nováková, I am alice. How can I help you?");
    assertThat(center.parley().storage().templates().starred("demo", "alice")).extracting(t -> t.id())
        .containsExactly("greeting");

    click(operators, "#contact-add");
    textAppears(operators, "#contact-card", "Jana Nováková");
    SessionRecord live = center.parley().storage().sessions().live("demo").get(0);
    String contact = center.parley().storage().sessions().find("demo", live.id()).orElseThrow().contact().orElseThrow();
    WebElement email = visible(operators, "#client-email");
    email.clear();
    email.sendKeys("jana@example.cz");
    click(operators, "#client-save");
    textAppears(operators, "#client-facts", "jana@example.cz");
    waiting(operators).until(d -> center.parley().storage().sessions().find("demo", live.id()).orElseThrow().email()
        .equals(Optional.of("jana@example.cz")));
    click(operators, "#contact-card button.open");
    textAppears(operators, "#contact-card", "email: jana@example.cz"); // the edit reached the contact too
    assertThat(center.parley().storage().contacts().find("demo", contact).orElseThrow().name()).isEqualTo("Jana Nováková");

    String refund = "#tag-suggestions button[data-tag='refund']";
    assertThat(visible(operators, refund).getDomAttribute("style")).contains("background:#e53935"); // the catalogue's colour
    click(operators, refund);
    textAppears(operators, "#tags", "refund");
    assertThat(visible(operators, "#tags .tag[data-tag='refund']").getDomAttribute("style")).contains("background:#e53935");
    waiting(operators).until(d -> d.findElements(By.cssSelector("#tag-suggestions button[data-tag='refund']")).isEmpty());
    assertThat(center.parley().storage().sessions().find("demo", live.id()).orElseThrow().tags()).contains("refund");
    Files.createDirectories(Path.of("target"));
    Files.copy(operators.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "demo-console-day.png"),
        StandardCopyOption.REPLACE_EXISTING);

    new org.openqa.selenium.support.ui.Select(operators.findElement(By.id("presence"))).selectByVisibleText("Away — training");
    waiting(operators).until(d -> center.parley().snapshot(DemoCenter.TENANT).status(dev.parley.core.OperatorId.of("alice"))
        .filter(s -> "training".equals(s.reason())).isPresent());
  }

  @SuppressWarnings("unchecked")
  private List<String> shown() {
    return (List<String>) operators.executeScript("return window.shown");
  }

  @Test
  @DisplayName("the admin page defines a group, shows a refused field beside it, saves routing rules and dry-runs them")
  void adminConfigures() throws Exception {
    openAdmin();
    visible(client, "#new-group").sendKeys("returns");
    click(client, "#add-group");
    WebElement offerTimeout = visible(client, "form.piece[data-path='/groups/returns'] input[name='offerTimeout']");
    offerTimeout.sendKeys("soon");
    click(client, "form.piece[data-path='/groups/returns'] button[type='submit']");
    textAppears(client, "form.piece[data-path='/groups/returns'] .field-error[data-field='offerTimeout']", "offerTimeout");
    assertThat(center.parley().snapshot(DemoCenter.TENANT).groups()).doesNotContainKey(dev.parley.core.GroupId.of("returns"));
    offerTimeout.clear();
    offerTimeout.sendKeys("PT30S");
    click(client, "form.piece[data-path='/groups/returns'] button[type='submit']");
    waiting(client).until(d -> center.parley().snapshot(DemoCenter.TENANT).groups()
        .containsKey(dev.parley.core.GroupId.of("returns")));

    WebElement rules = visible(client, "#rules-json");
    rules.clear();
    rules.sendKeys("[{\"group\": \"returns\", \"language\": \"de\"}]");
    click(client, "#cfg-rules button[type='button']");
    waiting(client).until(d -> !center.parley().snapshot(DemoCenter.TENANT).settings().rules().isEmpty());
    client.findElement(By.cssSelector("#dry-run input[name='language']")).sendKeys("de");
    click(client, "#dry-run button[type='submit']");
    textAppears(client, "#dry-run-answer", "returns");
    Files.write(Path.of("target/demo-admin-config.png"),
        client.getScreenshotAs(OutputType.BYTES));
  }

  /** The next body the Graph API got that contains {@code text}, waiting up to 20 s. */
  private String graphGot(String text) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (String body; (body = graphBodies.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
      if (body.contains(text)) {
        return body;
      }
    }
    throw new AssertionError("the Graph API got nothing with " + text);
  }

  private MimeMessage mailed(int count) {
    assertThat(smtp.waitForIncomingEmail(20_000, count)).as("%d mails arrive", count).isTrue();
    return smtp.getReceivedMessages()[count - 1];
  }

  private void screenshot(WebDriver driver, String name) throws IOException {
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", name), ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
  }

  /** Jana opens the widget and enters with her e-mail and a first message. */
  private void janaEnters(String message) {
    client.get(url("widget.html"));
    visible(client, "#entry-name").sendKeys("Jana Nováková");
    client.findElement(By.id("entry-email")).sendKeys("jana@example.cz");
    client.findElement(By.id("entry-message")).sendKeys(message);
    client.findElement(By.id("entry-submit")).click();
  }

  @Test
  @DisplayName("nobody online: the offline form arrives as an e-mail; a chat ends with the transcript by e-mail (alice's and the client's); alice contacts a WhatsApp client again")
  void offlineFormTranscriptAndOutreach() throws Exception {
    janaEnters("Please call me back about order 42.");
    visible(client, "#offline");
    screenshot(client, "demo-offline-form.png");
    click(client, "#offline-submit");
    MimeMessage form = mailed(1);
    assertThat(form.getAllRecipients()[0].toString()).isEqualTo("team@demo.example");
    assertThat(form.getSubject()).isEqualTo("Offline form from Jana Nováková");
    assertThat(GreenMailUtil.getBody(form)).contains("Please call me back about order 42.");

    logIn("alice");
    janaEnters("Where is my parcel?");
    click(operators, "#offers .offer button.accept");
    textAppears(operators, "#session-messages", "Where is my parcel?");
    operatorWrites("It arrives tomorrow.");
    waiting(operators).until(d -> "jana@example.cz".equals(d.findElement(By.id("transcript-to")).getAttribute("value")));
    click(operators, "#end-transcript");
    click(operators, "#end");
    MimeMessage transcript = mailed(2);
    assertThat(transcript.getAllRecipients()[0].toString()).isEqualTo("jana@example.cz");
    assertThat(GreenMailUtil.getBody(transcript)).contains("Jana Nov").contains("alice: It arrives tomorrow.");
    visible(operators, "#wrapup");
    click(operators, "#wrapup-submit");
    textAppears(operators, "#no-session", "Accept a client");
    visible(client, "#feedback");
    click(client, "#transcript-send"); // the client asks too: to the address he entered with
    assertThat(mailed(3).getAllRecipients()[0].toString()).isEqualTo("jana@example.cz");

    center.parley().submit(DemoCenter.TENANT, new Command.ClientMessage(SessionId.of("wa-1"),
        Entry.builder(Channel.WHATSAPP).client("420777111222").name("Petr").build(), "wamid.in-1", "Hi, about my order",
        List.of())).join();
    click(operators, "#offers .offer button.accept");
    textAppears(operators, "#session-messages", "Hi, about my order");
    visible(operators, "#composer-text").sendKeys("Let me check.");
    click(operators, "#composer-send");
    assertThat(graphGot("Let me check.")).contains("\"to\":\"420777111222\"");
    click(operators, "#end");
    visible(operators, "#wrapup");
    click(operators, "#wrapup-submit");

    click(operators, "#reach-recent .recent[data-session='wa-1'] button.contact");
    textAppears(operators, "#session-head", "Petr");
    visible(operators, "#composer-text").sendKeys("Your order has shipped.");
    click(operators, "#composer-send");
    assertThat(graphGot("Your order has shipped.")).contains("\"to\":\"420777111222\"");
    SessionRecord reopened = center.parley().storage().sessions().live("demo").get(0);
    assertThat(reopened.reopens()).contains("wa-1");
    assertThat(reopened.operator()).contains("alice");
    screenshot(operators, "demo-outreach.png");
  }

  @Test
  @DisplayName("the admin page subscribes a webhook (a short secret refused beside its field), sees it deliver, and draws the dashboard")
  void adminWebhookAndDashboard() throws Exception {
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    receiver.createContext("/hook", exchange -> {
      delivered.add(exchange.getRequestHeaders().getFirst("Parley-Event-Type"));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      logIn("alice");
      openAdmin();
      visible(client, "#new-cat-webhooks").sendKeys("crm");
      click(client, "#add-cat-webhooks");
      String form = "form.piece[data-path='/webhooks/crm'] ";
      visible(client, form + "input[name='url']").sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      WebElement secret = client.findElement(By.cssSelector(form + "input[name='secret']"));
      secret.sendKeys("short");
      click(client, form + "button[type='submit']");
      textAppears(client, form + ".field-error[data-field='secret']", "16");
      secret.clear();
      secret.sendKeys("a-secret-of-sixteen-or-more");
      click(client, form + "button[type='submit']");
      click(client, "button[data-status='crm']");

      center.parley().tenant(DemoCenter.TENANT).arrive(SessionId.of("w1"),
          Entry.builder(Channel.WEB_CHAT).client("visitor-1").name("Jana").build()).join();
      assertThat(delivered.poll(20, TimeUnit.SECONDS)).isEqualTo("session.queued");
      click(client, "button[data-status='crm']");
      waiting(client).until(d -> !d.findElement(By.cssSelector("#webhook-status dd[data-fact='delivered']")).getText()
          .equals("0"));

      // the engine samples every 10 s: two samples of sales, and the page draws their lines (read in one
      // script, as the page redraws every 5 s)
      JavascriptExecutor page = client;
      String drawn = "const g = document.querySelector(\".dashboard-group[data-group='sales']\");"
          + "return g && Number(g.dataset.samples) >= 2 ? [g.querySelectorAll('svg[data-chart]').length,"
          + " g.querySelectorAll('svg[data-chart] polyline').length,"
          + " g.querySelector(\"svg[data-chart='waiting'] polyline\").getAttribute('points')] : null;";
      List<?> charts = (List<?>) new WebDriverWait(client, Duration.ofSeconds(60)).until(d -> page.executeScript(drawn));
      assertThat(charts.get(0)).isEqualTo(4L);
      assertThat((Long) charts.get(1)).isGreaterThanOrEqualTo(2L); // waiting and occupancy always have values
      assertThat((String) charts.get(2)).contains(" ");
      WebElement dashboard = client.findElement(By.id("dashboard"));
      page.executeScript("arguments[0].scrollIntoView()", dashboard);
      Files.write(Path.of("target/demo-admin-dashboard.png"), dashboard.getScreenshotAs(OutputType.BYTES));
    } finally {
      receiver.stop(0);
    }
  }

  /** Types {@code text} into the field {@code name} of the piece form for {@code path}. */
  private void type(String path, String name, String text) {
    WebElement field = visible(client, "form.piece[data-path='" + path + "'] input[name='" + name + "']");
    field.clear();
    field.sendKeys(text);
  }

  private void save(String path) {
    click(client, "form.piece[data-path='" + path + "'] button[type='submit']");
  }

  @Test
  @DisplayName("the admin page keeps a template starred by an operator, a hero card with buttons, a chatbot, tags and the retention")
  void adminCatalogue() throws Exception {
    openAdmin();
    var storage = center.parley().storage();
    var tenant = DemoCenter.TENANT;

    visible(client, "#new-cat-templates-list").sendKeys("hours");
    click(client, "#add-cat-templates-list");
    type("/templates/hours", "title", "Opening hours");
    type("/templates/hours", "text", "We are open 8-18.");
    save("/templates/hours");
    waiting(client).until(d -> storage.templates().find(tenant.value(), "hours").isPresent());
    WebElement operator = visible(client, "#star-operator");
    operator.sendKeys("alice");
    operator.sendKeys(org.openqa.selenium.Keys.TAB);
    click(client, "#cat-templates-list button[title='star']");
    waiting(client).until(d -> storage.templates().starred(tenant.value(), "alice").size() == 1);

    visible(client, "#new-cat-cards").sendKeys("returns");
    click(client, "#add-cat-cards");
    type("/hero-cards/returns", "title", "Returns");
    type("/hero-cards/returns", "buttons", "Start=https://shop.example/return, Talk to us=talk, a=1, b=2");
    save("/hero-cards/returns");
    textAppears(client, "form.piece[data-path='/hero-cards/returns'] .field-error[data-field='buttons']", "at most 3");
    type("/hero-cards/returns", "buttons", "Start=https://shop.example/return, Talk to us=talk");
    save("/hero-cards/returns");
    waiting(client).until(d -> new dev.parley.core.channel.HeroCards(storage).find(tenant, "returns")
        .map(c -> c.buttons().size() == 2 && c.buttons().get(1).payload().equals("talk")).orElse(false));

    visible(client, "#new-cat-chatbots").sendKeys("faq");
    click(client, "#add-cat-chatbots");
    type("/chatbots/faq", "endpoint", "https://bots.example/faq");
    type("/chatbots/faq", "secret", "a-long-shared-secret");
    save("/chatbots/faq");
    waiting(client).until(d -> center.parley().snapshot(tenant).chatbots().containsKey(dev.parley.core.ChatbotId.of("faq")));

    type("/tags", "tags", "refund=#e53935, vip=#1e88e5");
    save("/tags");
    waiting(client).until(d -> center.parley().snapshot(tenant).settings().tags().containsKey("vip"));

    type("/retention", "history", "PT1H");
    save("/retention");
    textAppears(client, "form.piece[data-path='/retention'] .field-error[data-field='history']", "one day");
    type("/retention", "history", "P90D");
    save("/retention");
    waiting(client).until(d -> center.parley().snapshot(tenant).settings().historyRetention()
        .equals(Optional.of(Duration.ofDays(90))));
    WebElement catalogue = client.findElement(By.id("catalogue"));
    ((JavascriptExecutor) client).executeScript("arguments[0].scrollIntoView()", catalogue);
    Files.write(Path.of("target/demo-admin-catalogue.png"), catalogue.getScreenshotAs(OutputType.BYTES));
  }
}
