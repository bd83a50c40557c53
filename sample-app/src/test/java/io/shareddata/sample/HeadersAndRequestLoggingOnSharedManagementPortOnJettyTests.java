package io.shareddata.sample;

/**
 * {@link HeadersAndRequestLoggingOnSharedManagementPortTests} on embedded Jetty. The build runs
 * it on a classpath without Tomcat (see the surefire executions in {@code pom.xml}).
 */
class HeadersAndRequestLoggingOnSharedManagementPortOnJettyTests
		extends HeadersAndRequestLoggingOnSharedManagementPortTests {

}
