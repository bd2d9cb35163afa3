package io.eventhorizon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * The version that {@code eventhorizon --version} prints: the module's, written into
 * {@code version.properties} by the build.
 * <p>
 * Thread-safe: it has no state.
 */
class CliVersion implements IVersionProvider {

	@Override
	public String[] getVersion() {
		Properties properties = new Properties();
		try (InputStream in = CliVersion.class.getResourceAsStream("version.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new String[] { "eventhorizon " + properties.getProperty("version", "(unknown version)") };
	}

}
