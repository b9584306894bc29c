"""Kafka plumbing: settings, codecs, topics, clients, the embedded broker and the blob store."""
