package dev.reviewflow.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A KRaft broker in this JVM whose log lives in a folder of its own, so topics, offsets and Kafka Streams changelogs
 * survive a restart: the single node of {@code ./reviewflow up}, or one of the three of {@code --cluster}. The
 * storage is formatted on first start.
 */
final class LocalKafka implements AutoCloseable {

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	static LocalKafka start(Path logDir, int port, int controllerPort) throws Exception {
		Properties properties = common(1, port, controllerPort, "1@localhost:" + controllerPort, logDir);
		// one broker: every internal topic and every transaction has exactly one replica
		replicated(properties, 1, 1);
		// after a crash the controller keeps the dead broker's registration until its session times out, and the
		// restarted broker cannot register before: a short session for this one node brings it back in seconds
		// (long enough that a GC pause or two busy cores do not fence the only broker)
		properties.put("broker.session.timeout.ms", "4000");
		properties.put("broker.heartbeat.interval.ms", "1000");
		return start(properties, 1, Uuid.randomUuid().toString(), logDir, port);
	}

	/**
	 * One node of {@code ./reviewflow up --cluster}: broker and controller, one of three voters; every topic and
	 * transaction has three replicas and an acknowledged write is on at least two of them.
	 * @param nodeId 1, 2 or 3
	 * @param voters the quorum, {@code id@host:controllerPort} separated by commas
	 * @param clusterId the same for every node, used when the node's storage is formatted
	 */
	static LocalKafka startClusterNode(Path logDir, int nodeId, int port, int controllerPort, String voters,
			String clusterId) throws Exception {
		Properties properties = common(nodeId, port, controllerPort, voters, logDir);
		replicated(properties, 3, 2);
		properties.put("unclean.leader.election.enable", "false");
		return start(properties, nodeId, clusterId, logDir, port);
	}

	/** Replicas of every topic (internal ones included), and how many must have a write before it is acknowledged. */
	private static void replicated(Properties properties, int replicas, int minInSync) {
		for (String topics : new String[] { "default", "offsets.topic", "transaction.state.log",
				"share.coordinator.state.topic" }) {
			properties.put(topics + ".replication.factor", Integer.toString(replicas));
		}
		properties.put("min.insync.replicas", Integer.toString(minInSync));
		properties.put("transaction.state.log.min.isr", Integer.toString(minInSync));
		properties.put("share.coordinator.state.topic.min.isr", Integer.toString(minInSync));
	}

	private static Properties common(int nodeId, int port, int controllerPort, String voters, Path logDir) {
		Properties properties = new Properties();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", Integer.toString(nodeId));
		properties.put("controller.quorum.voters", voters);
		properties.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("log.dirs", logDir.toString());
		properties.put("num.partitions", "6");
		properties.put("auto.create.topics.enable", "false");
		properties.put("group.initial.rebalance.delay.ms", "0");
		// the events are the source of every figure, and a replay rebuilds the scores from all of them
		properties.put("log.retention.hours", "-1");
		return properties;
	}

	private static LocalKafka start(Properties properties, int nodeId, String clusterId, Path logDir, int port)
			throws Exception {
		Files.createDirectories(logDir);
		if (!Files.exists(logDir.resolve("meta.properties"))) {
			new Formatter().setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
				.setNodeId(nodeId)
				.setClusterId(clusterId)
				.addDirectory(logDir.toString())
				.setMetadataLogDirectory(logDir.toString())
				.setControllerListenerName("CONTROLLER")
				.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
				.run();
		}
		KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
		server.startup();
		return new LocalKafka(server, "localhost:" + port);
	}

	String bootstrapServers() {
		return bootstrapServers;
	}

	@Override
	public void close() {
		server.shutdown();
		server.awaitShutdown();
	}
}
