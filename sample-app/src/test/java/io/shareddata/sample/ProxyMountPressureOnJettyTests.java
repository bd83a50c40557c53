package io.shareddata.sample;

/**
 * {@link ProxyMountPressureTests} on embedded Jetty, which reads, swallows and times out a
 * request body in its own ways. The build runs it on a classpath without Tomcat (see the
 * surefire executions in {@code pom.xml}).
 */
class ProxyMountPressureOnJettyTests extends ProxyMountPressureTests {

}
