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
 * A single-node KRaft broker in this JVM whose log lives in a folder of its own, so topics, offsets and Kafka
 * Streams changelogs survive a restart. The storage is formatted on first start.
 */
final class LocalKafka implements AutoCloseable {

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	static LocalKafka start(Path logDir, int port, int controllerPort) throws Exception {
		Files.createDirectories(logDir);
		Properties properties = new Properties();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", "1");
		properties.put("controller.quorum.voters", "1@localhost:" + controllerPort);
		properties.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("log.dirs", logDir.toString());
		properties.put("num.partitions", "6");
		properties.put("auto.create.topics.enable", "false");
		// one broker: every internal topic and every transaction has exactly one replica
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("min.insync.replicas", "1");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		// after a crash the controller keeps the dead broker's registration until its session times out, and the
		// restarted broker cannot register before: a short session for this one node brings it back in seconds
		// (long enough that a GC pause or two busy cores do not fence the only broker)
		properties.put("broker.session.timeout.ms", "4000");
		properties.put("broker.heartbeat.interval.ms", "1000");
		properties.put("log.retention.hours", "-1");

		if (!Files.exists(logDir.resolve("meta.properties"))) {
			new Formatter().setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
				.setNodeId(1)
				.setClusterId(Uuid.randomUuid().toString())
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
