package dev.reviewflow.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * UP while the broker answers a cluster description within a few seconds. Shown in health, not part of readiness: with
 * the broker away a service still accepts writes into its outbox, which drains when the broker is back.
 */
final class KafkaHealth implements HealthIndicator, DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final KafkaAdmin admin;

	private volatile AdminClient client;

	KafkaHealth(KafkaAdmin admin) {
		this.admin = admin;
	}

	@Override
	public Health health() {
		try {
			var cluster = client().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
			int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
			return Health.up()
				.withDetail("clusterId", cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
				.withDetail("nodes", nodes)
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down(ex).build();
		}
		catch (Exception ex) {
			return Health.down().withDetail("error", String.valueOf(ex.getMessage())).build();
		}
	}

	private AdminClient client() {
		AdminClient current = client;
		if (current == null) {
			synchronized (this) {
				if (client == null) {
					client = AdminClient.create(admin.getConfigurationProperties());
				}
				current = client;
			}
		}
		return current;
	}

	@Override
	public void destroy() {
		AdminClient current = client;
		if (current != null) {
			current.close(Duration.ofSeconds(2));
		}
	}
}
