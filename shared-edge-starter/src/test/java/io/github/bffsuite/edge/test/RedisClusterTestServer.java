package io.github.bffsuite.edge.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of a test's own: 3 masters and 3 replicas, {@code redis-server}
 * processes on free ports joined by {@code redis-cli --cluster create}, torn down on
 * {@link #close()} or when the JVM exits. A test may kill a node to make the cluster fail
 * over. Needs {@code redis-server} and {@code redis-cli} on the {@code PATH}; without
 * them the test fails with a message that says how to get them.
 */
public final class RedisClusterTestServer implements AutoCloseable {

	private static final int NODES = 6;

	private final Path dir;

	private final Map<Integer, Process> processes = new LinkedHashMap<>();

	private RedisClusterTestServer(Path dir) {
		this.dir = dir;
	}

	/**
	 * Start a cluster and wait until every slot is served.
	 * @return the running cluster
	 */
	public static RedisClusterTestServer start() {
		try {
			RedisClusterTestServer cluster = new RedisClusterTestServer(Files.createTempDirectory("redis-cluster"));
			Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
			List<Integer> ports = freePorts(NODES);
			for (int port : ports) {
				cluster.startNode(port);
			}
			List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
			ports.forEach((port) -> create.add("127.0.0.1:" + port));
			create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
			String output = run(create);
			if (!output.contains("All 16384 slots covered")) {
				throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
			}
			cluster.awaitHealthy(Duration.ofSeconds(30));
			return cluster;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Redis Cluster tests need 'redis-server' and 'redis-cli' on the PATH "
					+ "(Debian/Ubuntu: apt-get install redis-server redis-tools; macOS: brew install redis): "
					+ ex.getMessage(), ex);
		}
	}

	private void startNode(int port) throws IOException {
		Path nodeDir = Files.createDirectories(this.dir.resolve(Integer.toString(port)));
		Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "1000",
				"--save", "", "--appendonly", "no", "--dir", nodeDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(nodeDir.resolve("redis.log").toFile())
			.start();
		this.processes.put(port, process);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (!RedisTestServer.pings("127.0.0.1", port)) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("redis-server did not answer on port " + port);
			}
			sleep(50);
		}
	}

	/**
	 * Return the nodes as Spring Boot's {@code spring.data.redis.cluster.nodes} takes
	 * them.
	 * @return the nodes, such as {@code 127.0.0.1:30001,127.0.0.1:30002}
	 */
	public String nodes() {
		return this.processes.keySet().stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/**
	 * Return the ports of the nodes that are masters now and run.
	 * @return the ports
	 */
	public List<Integer> masters() {
		return clusterNodes().stream()
			.filter((line) -> line[2].contains("master") && !line[2].contains("fail"))
			.map((line) -> port(line[1]))
			.toList();
	}

	/**
	 * Return the port of the master that serves a key now.
	 * @param key the key
	 * @return the port
	 */
	public int masterOf(String key) {
		int slot = Integer.parseInt(cli(anyLivePort(), "cluster", "keyslot", key).strip());
		for (String[] line : clusterNodes()) {
			if (line[2].contains("master") && !line[2].contains("fail")) {
				for (int i = 8; i < line.length; i++) {
					String[] range = line[i].split("-");
					int from = Integer.parseInt(range[0]);
					int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
					if (slot >= from && slot <= to) {
						return port(line[1]);
					}
				}
			}
		}
		throw new IllegalStateException("No master serves slot " + slot);
	}

	/**
	 * Return how many keys each live master holds.
	 * @return key counts by master port
	 */
	public Map<Integer, Integer> keysPerMaster() {
		Map<Integer, Integer> counts = new LinkedHashMap<>();
		for (int port : masters()) {
			counts.put(port, Integer.parseInt(cli(port, "dbsize").strip()));
		}
		return counts;
	}

	/**
	 * Kill a node as a crash would.
	 * @param port the node's port
	 */
	public void kill(int port) {
		Process process = this.processes.get(port);
		if (process != null) {
			process.destroyForcibly();
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Wait until every slot is served by a live master again.
	 * @param timeout how long to wait
	 */
	public void awaitHealthy(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			try {
				boolean ok = true;
				for (Map.Entry<Integer, Process> node : this.processes.entrySet()) {
					if (node.getValue().isAlive()
							&& !cli(node.getKey(), "cluster", "info").contains("cluster_state:ok")) {
						ok = false;
					}
				}
				if (ok && masters().size() >= 3) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				// a node that is still starting; ask again
			}
			sleep(100);
		}
		throw new IllegalStateException("Redis Cluster not healthy after " + timeout);
	}

	private List<String[]> clusterNodes() {
		return cli(anyLivePort(), "cluster", "nodes").lines()
			.filter((line) -> !line.isBlank())
			.map((line) -> line.split(" "))
			.toList();
	}

	private int anyLivePort() {
		return this.processes.entrySet()
			.stream()
			.filter((node) -> node.getValue().isAlive())
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

	private static int port(String address) {
		// 127.0.0.1:30001@40001
		String hostPort = address.split("@")[0];
		return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
	}

	private static String cli(int port, String... command) {
		List<String> args = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
		args.addAll(List.of(command));
		try {
			return run(args);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command);
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<Integer> freePorts(int count) throws IOException {
		// a cluster node also listens on its port + 10000 for the cluster bus
		List<Integer> ports = new ArrayList<>();
		while (ports.size() < count) {
			int port = ThreadLocalRandom.current().nextInt(20000, 40000);
			if (!ports.contains(port) && free(port) && free(port + 10000)) {
				ports.add(port);
			}
		}
		return ports;
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			socket.setReuseAddress(true);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public synchronized void close() {
		this.processes.values().forEach(Process::destroyForcibly);
	}

}
