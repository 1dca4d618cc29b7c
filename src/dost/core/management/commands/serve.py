"""``dost serve [ADDR:PORT]``: the demo server of ``make run``, in the foreground, with a task worker.

Prints the demo logins, then a line once the server accepts connections.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve dost (development server) and print the demo logins and a ready line."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        from dost.core.demo import DEMO_PASSWORD, DEMO_USERS

        host, _, port = options["addrport"].rpartition(":")
        host = host or "127.0.0.1"
        url = f"http://{host}:{port}/"
        if settings.DOST_DEMO:
            self.stdout.write("Tài khoản thử (demo, không có xác thực hai lớp):")
            for username, full_name, _p, _k, _role, position, _h in DEMO_USERS:
                self.stdout.write(f"  {username:<12} / {DEMO_PASSWORD}   {full_name} — {position}")
        threading.Thread(target=self._announce, args=(host, int(port), url), daemon=True).start()
        # The background-task worker (document imports) runs beside the server and stops with it.
        worker = subprocess.Popen(  # nosec B603
            [sys.executable, "-m", "dost.cli", "db_worker", "--no-reload", "--interval", "1"],
            stdout=subprocess.DEVNULL,
        )
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            worker.terminate()

    def _announce(self, host: str, port: int, url: str) -> None:
        for _ in range(600):
            try:
                with socket.create_connection((host, port), timeout=0.5):
                    self.stdout.write(self.style.SUCCESS(f"dost sẵn sàng (ready): {url}"))
                    self.stdout.flush()
                    return
            except OSError:
                time.sleep(0.2)
