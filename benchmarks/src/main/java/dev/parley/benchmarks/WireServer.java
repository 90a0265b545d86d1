package dev.parley.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.parley.core.Channel;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.Parley;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.transport.netty.ParleyServer;
import dev.parley.transport.netty.SignedTokens;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * The server side of {@link WireHarness}, in a process of its own so that its memory and its
 * threads are its own: either Parley's {@link ParleyServer} on a real engine, or a plain Netty
 * WebSocket echo server, listening on a free loopback port. An echo server given {@code
 * --work-micros} spins that long on the CPU before it writes each frame back: a baseline that
 * costs per frame what Parley does, to tell what CPU time alone does to the tail.
 *
 * <pre>
 * java -cp benchmarks.jar dev.parley.benchmarks.WireServer --server parley|echo --key HEX
 *     --work-micros 0
 *     --operators 100 --capacity 10 --lifetime 900
 * </pre>
 *
 * It prints {@code PORT n} once listening, then answers each {@code heap} line on its standard
 * input with {@code HEAP used-heap-bytes netty-direct-bytes} after two full GCs, and each {@code
 * usage} line with {@code USAGE bytes nanos}: the bytes its live threads have allocated and the CPU
 * time the process has used so far (GC and compiler threads included). It stops when its input
 * ends, and by itself after {@code --lifetime} seconds.
 *
 * <p>The Parley server serves tenant {@code acme}: group {@code g} accepts offers at once, and
 * operators {@code op-0} … each take {@code --capacity} web chats; the harness logs them in with
 * tokens of {@code --key}. Its rate limit is raised past any per-connection rate the harness
 * sends, and its storage is in memory, so that every message is kept as in production.
 */
public final class WireServer {
  static final TenantId ACME = TenantId.of("acme");
  static final GroupId GROUP = GroupId.of("g");
  private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private WireServer() {}

  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args, List.of("--server", "--key", "--operators", "--capacity", "--lifetime",
        "--work-micros"));
    int lifetime = flags.number("--lifetime", 1, 900);
    Thread stopper = new Thread(() -> {
      try {
        Thread.sleep(lifetime * 1000L);
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("WireServer: lifetime of " + lifetime + " s is over");
      Runtime.getRuntime().halt(3);
    }, "lifetime");
    stopper.setDaemon(true);
    stopper.start();
    AutoCloseable server = flags.text("--server", "parley").equals("echo")
        ? echo(flags.number("--work-micros", 0, 0))
        : parley(HexFormat.of().parseHex(flags.text("--key", "")), flags.number("--operators", 1, 100),
            flags.number("--capacity", 1, 10));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("heap")) {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        // The default allocator's (adaptive in Netty 4.2): the pooled one's counters stay at zero.
        long direct = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
        System.out.println("HEAP " + heap + " " + direct);
        System.out.flush();
      } else if (line.equals("usage")) {
        System.out.println("USAGE " + allocated() + " " + OS.getProcessCpuTime());
        System.out.flush();
      }
    }
    server.close();
    System.exit(0);
  }

  /** Heap bytes allocated by the threads alive now: the servers' threads live as long as they do. */
  private static long allocated() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    return LongStream.of(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
  }

  private static AutoCloseable parley(byte[] key, int operators, int capacity) {
    Parley parley = Parley.builder().build();
    Tenant acme = parley.tenant(ACME);
    acme.defineGroup(GroupSpec.builder(GROUP).autoAccept(true).wrapUpLimit(Duration.ZERO).maxQueueLength(100_000)
        .build()).join();
    for (int i = 0; i < operators; i++) {
      acme.defineOperator(OperatorSpec.builder(OperatorId.of("op-" + i)).group(GROUP)
          .channel(Channel.WEB_CHAT, capacity).build()).join();
    }
    ParleyServer server = ParleyServer.builder(parley).bind("127.0.0.1").port(0)
        .authenticator(SignedTokens.withKey(key)).tenant(ACME)
        .rateLimit(100_000, 100_000).idleTimeout(Duration.ofMinutes(10))
        .build().start();
    announce(server.port());
    return () -> {
      server.close();
      parley.close();
    };
  }

  /**
   * The baseline: Netty's own WebSocket server handler, each text frame written back as it came,
   * after {@code workMicros} of spinning on the event loop (none for the plain echo).
   */
  private static AutoCloseable echo(int workMicros) throws InterruptedException {
    long workNanos = TimeUnit.MICROSECONDS.toNanos(workMicros);
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup io = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), NioIoHandler.newFactory());
    io.netty.channel.Channel listening = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65_536),
                new WebSocketServerProtocolHandler("/ws/client", null, false, 65_536),
                new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                    if (workNanos > 0) { // the plain echo reads no clock
                      for (long until = System.nanoTime() + workNanos; System.nanoTime() < until; ) {
                        Thread.onSpinWait();
                      }
                    }
                    ctx.writeAndFlush(frame.retain());
                  }
                });
          }
        })
        .bind("127.0.0.1", 0).sync().channel();
    announce(((java.net.InetSocketAddress) listening.localAddress()).getPort());
    return () -> {
      listening.close().sync();
      io.shutdownGracefully().sync();
      boss.shutdownGracefully().sync();
    };
  }

  private static void announce(int port) {
    System.out.println("PORT " + port);
    System.out.flush();
  }
}
