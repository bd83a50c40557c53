package io.shareddata.sample;

/**
 * {@link CustomHeadersOnManagementPortTests} on embedded Jetty, whose management server Spring
 * Boot builds with Jetty's own child-context configuration. The build runs it on a classpath
 * without Tomcat (see the surefire executions in {@code pom.xml}).
 */
class CustomHeadersOnManagementPortOnJettyTests extends CustomHeadersOnManagementPortTests {

}
