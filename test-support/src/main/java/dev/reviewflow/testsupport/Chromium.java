package dev.reviewflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for browser tests: the system's {@code /usr/bin/chromium} driven through its
 * {@code /usr/bin/chromedriver} (Debian's {@code chromium} and {@code chromium-driver} packages). Both paths are given
 * to Selenium, so Selenium Manager never looks for or downloads a browser or driver. Without them a test fails (it is
 * not skipped) and says what to install. The module needs {@code selenium-chrome-driver} on its test class path.
 */
public final class Chromium implements AutoCloseable {

	public static final Path BROWSER = Path.of("/usr/bin/chromium");

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private Chromium(ChromeDriver driver) {
		this.driver = driver;
	}

	/** A fresh headless browser, reporting its console at every level (see {@link #console()}). */
	public static Chromium start() {
		for (Path needed : List.of(BROWSER, DRIVER)) {
			if (!Files.isExecutable(needed)) {
				throw new AssertionError("Browser tests need Chromium and its driver, and " + needed + " is missing: "
						+ "apt-get update && apt-get install -y chromium chromium-driver (CI's .ci/run installs them)");
			}
		}
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
		return new Chromium(new ChromeDriver(service, options));
	}

	public WebDriver driver() {
		return driver;
	}

	/** Runs a script in the page (as the test, not as the page: the page's Content-Security-Policy does not apply). */
	public @Nullable Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) driver).executeScript(script, arguments);
	}

	/** The console messages since the last call, CSP violations included ("Refused to …"). */
	public List<String> console() {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
	}

	/** Saves a screenshot of the window as PNG, creating the folder. */
	public Path screenshot(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		driver.quit();
	}
}
