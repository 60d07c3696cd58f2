"""The one error a document can fail with: a plain-language (bokmål) message for the person importing it."""


class DocumentError(ValueError):
    """The file cannot be imported (empty, unreadable, encrypted, too large, wrong format …).

    The message is written for the user, in bokmål; nothing has been stored when it is raised.
    """
