"""The inbox: the watcher, finished-write detection, and the inbox's files and folders."""
