"""The real sparkmagic kernels, driven over the Jupyter messaging protocol."""

import time

from jupyter_client import KernelManager


class SparkKernel:
    def __init__(self, env, name='pysparkkernel', ready_timeout=120):
        self.km = KernelManager(kernel_name=name)
        # Enough time for sparkmagic to delete its Livy session when asked to shut down.
        self.km.shutdown_wait_time = 60
        self.km.start_kernel(env=env)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=ready_timeout)

    def run(self, code, timeout):
        """Executes one cell; returns every text it produced (results, streams, errors)."""
        msg_id = self.kc.execute(code)
        texts = []
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f'cell did not finish in {timeout}s; output so far: {"".join(texts)}')
            try:
                msg = self.kc.get_iopub_msg(timeout=min(remaining, 10))
            except Exception:  # queue.Empty: nothing yet, keep waiting until the deadline
                continue
            if msg['parent_header'].get('msg_id') != msg_id:
                continue
            kind, content = msg['msg_type'], msg['content']
            if kind == 'stream':
                texts.append(content['text'])
            elif kind in ('execute_result', 'display_data'):
                texts.append(content['data'].get('text/plain', ''))
            elif kind == 'error':
                texts.append('\n'.join(content['traceback']))
            elif kind == 'status' and content['execution_state'] == 'idle':
                return ''.join(texts)

    def restart(self, ready_timeout=120):
        """As the panel's restart does: a graceful restart, then wait until the kernel answers."""
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=ready_timeout)

    def shutdown(self):
        """Graceful shutdown: sparkmagic deletes its Livy session on the way out."""
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)
