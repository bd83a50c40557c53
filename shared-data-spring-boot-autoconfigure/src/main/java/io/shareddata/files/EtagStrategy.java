package io.shareddata.files;

/**
 * How a file's entity tag is derived. Either way it is computed once per file version, never
 * per request.
 */
public enum EtagStrategy {

	/**
	 * A hash of the file's bytes: replicas serving the same file send the same strong ETag,
	 * whatever their modification times, and a rollback to old content revalidates.
	 */
	CONTENT,

	/**
	 * The file's size and modification time, like nginx: free to compute, but differs between
	 * replicas whose copies have different modification times.
	 */
	METADATA

}
