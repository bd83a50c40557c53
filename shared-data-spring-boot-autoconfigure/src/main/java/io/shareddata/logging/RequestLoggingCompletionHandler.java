package io.shareddata.logging;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's replacement for {@link RequestLoggingCompletionListener}: wrap the server's handler
 * in it ({@code server.setHandler(new RequestLoggingCompletionHandler(server.getHandler()))})
 * and it writes the line of a request that ended in an error the container answered itself,
 * once Jetty is done with the request: after the error page or Jetty's own error response.
 * <p>
 * On Jetty the listener cannot do this job: Jetty notifies request listeners around every
 * dispatch, so {@code requestDestroyed} comes when the REQUEST dispatch returns, before the
 * error page of a {@code sendError} or an exception is rendered, and not at all after an
 * error response Jetty writes itself.
 */
public class RequestLoggingCompletionHandler extends Handler.Wrapper {

	/**
	 * Creates a handler in front of the given one.
	 * @param handler the handler to wrap, usually the server's
	 */
	public RequestLoggingCompletionHandler(Handler handler) {
		super(handler);
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		// Jetty completes the callback when it is done with the request and its response.
		Callback completion = new Callback.Nested(callback) {

			@Override
			public void succeeded() {
				try {
					requestEnded(request, response);
				}
				finally {
					super.succeeded();
				}
			}

			@Override
			public void failed(Throwable failure) {
				try {
					requestEnded(request, response);
				}
				finally {
					super.failed(failure);
				}
			}

		};
		try {
			return super.handle(request, response, completion);
		}
		catch (Throwable ex) {
			requestEnded(request, response);
			throw ex;
		}
	}

	/**
	 * Jetty is done with the request, async ones included: the callback comes after every
	 * dispatch and {@code AsyncListener}, and it also comes when Jetty skips
	 * {@code onComplete} (an ASYNC dispatch that fails on a committed response).
	 */
	private static void requestEnded(Request request, Response response) {
		if (request.getAttribute(RequestLoggingFilter.EXCHANGE_ATTRIBUTE) instanceof LoggedExchange exchange) {
			exchange.containerCompleted(Response.getContentBytesWritten(response));
		}
	}

}
