"""Errors of the agents and their engines.

    AgentError                    root: every engine error is one of these
    ├── InputError                the upload itself is bad; retrying cannot help (dead-letter)
    │   ├── UnsupportedInput      a content type or decoder we do not accept
    │   ├── CorruptInput          truncated, undecodable or zero-byte payload
    │   ├── InputTooLarge         bytes, pixels, pages or a decompression bomb over the limits
    │   ├── EmptyText             nothing usable to make cards from
    │   └── InvalidFeedback       rating out of range, unknown card, malformed
    ├── MissingLanguagePack       Tesseract lacks the language's traineddata (names the apt package)
    ├── PageTimeout               one page took longer than its limit
    ├── GenerationError           the card engine could not produce cards
    └── ModelLoadError            a model version could not be loaded (the previous one stays)
        └── MissingPipeline       no spaCy pipeline installed for a language that needs one

Third-party errors are translated where they enter: ``raise CorruptInput(...) from exc``.
"""


class AgentError(Exception):
    """Root of every error raised by an agent or engine."""


class InputError(AgentError):
    """The input is bad; the event goes to the dead-letter topic, never retried."""


class UnsupportedInput(InputError):
    """A content type or image decoder we do not accept."""


class CorruptInput(InputError):
    """The payload cannot be decoded."""


class InputTooLarge(InputError):
    """A size, pixel, page or decompression limit was exceeded."""


class EmptyText(InputError):
    """The document holds no text to make cards from."""


class InvalidFeedback(InputError):
    """A feedback event that cannot be accepted."""


class MissingLanguagePack(AgentError):
    """Tesseract lacks a language; the message names the apt package to install."""


class PageTimeout(AgentError):
    """OCR of one page exceeded its time limit."""


class GenerationError(AgentError):
    """The card engine failed."""


class ModelLoadError(AgentError):
    """A model version could not be loaded."""


class MissingPipeline(ModelLoadError):
    """No spaCy pipeline is installed for a language the card engine needs one for."""
