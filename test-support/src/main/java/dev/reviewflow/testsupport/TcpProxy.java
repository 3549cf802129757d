package dev.reviewflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A TCP forwarder on a loopback port, for outages that are real to the application: {@link #cut()} resets every open
 * connection and refuses new ones, {@link #restore()} accepts again on the same port. Each direction of each
 * connection is copied by a virtual thread.
 */
public final class TcpProxy implements AutoCloseable {

	private final String upstreamHost;

	private final int upstreamPort;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile @Nullable ServerSocket server;

	private TcpProxy(String upstreamHost, int upstreamPort) {
		this.upstreamHost = upstreamHost;
		this.upstreamPort = upstreamPort;
		this.port = listen(0);
	}

	/** A proxy to the given server, accepting on a free loopback port. */
	public static TcpProxy to(String host, int port) {
		return new TcpProxy(host, port);
	}

	/** Where clients connect. */
	public int port() {
		return port;
	}

	/** Drops every connection and refuses new ones until {@link #restore()}. */
	public synchronized void cut() {
		ServerSocket current = server;
		server = null;
		closeQuietly(current);
		open.forEach(TcpProxy::reset);
		open.clear();
	}

	/** Accepts connections again, on the same port. */
	public synchronized void restore() {
		if (server == null) {
			listen(port);
		}
	}

	private synchronized int listen(int on) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on));
			server = socket;
			Thread.ofVirtual().name("tcp-proxy-accept-" + socket.getLocalPort()).start(() -> accept(socket));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on port " + on, ex);
		}
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			Socket client;
			try {
				client = socket.accept();
			}
			catch (IOException ex) {
				continue; // closed by cut() or close()
			}
			try {
				Socket upstream = new Socket(upstreamHost, upstreamPort);
				synchronized (this) {
					if (server != socket) {
						// accepted while cut() ran: refused like the rest
						reset(client);
						reset(upstream);
						continue;
					}
					open.add(client);
					open.add(upstream);
				}
				Thread.ofVirtual().start(() -> copy(client, upstream));
				Thread.ofVirtual().start(() -> copy(upstream, client));
			}
			catch (IOException ex) {
				reset(client); // the upstream refused: so does the proxy
			}
		}
	}

	private void copy(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the other side went away, or cut() reset the connection
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			open.remove(from);
			open.remove(to);
		}
	}

	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// already closed
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(@Nullable AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// nothing left to do
			}
		}
	}

	@Override
	public void close() {
		cut();
	}
}
