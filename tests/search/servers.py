"""Search servers that misbehave, for the tests and the benchmarks: nothing here needs Django."""

import socket
import threading


class HungServer:
    """Accepts every connection and never sends a byte back."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.connections: list[socket.socket] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.listener.getsockname()[:2]
        return f"http://{host}:{port}"

    def _accept(self):
        self.listener.settimeout(0.05)
        while not self.stopped.is_set():
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            self.connections.append(connection)

    def close(self):
        self.stopped.set()
        self.thread.join()
        for connection in self.connections:
            connection.close()
        self.listener.close()
