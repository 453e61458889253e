// The Go original's bug, for namspill's command-line tests: the main goroutine holds the
// initial thread (as the Go original advises); a goroutine locks its thread, unshares its UTS
// namespace and unlocks it without switching back, so the runtime reuses a spilled thread.
// Prints that thread's tid, then blocks until SIGTERM.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
)

func init() {
	runtime.LockOSThread()
}

func main() {
	tids := make(chan int)
	go func() {
		runtime.LockOSThread()
		if err := syscall.Unshare(syscall.CLONE_NEWUTS); err != nil {
			fmt.Println("unshare:", err)
			os.Exit(3)
		}
		tid := syscall.Gettid()
		runtime.UnlockOSThread() // the bug: the thread goes back to the runtime still in the new namespace
		tids <- tid
	}()
	fmt.Println(<-tids)
	stop := make(chan os.Signal, 1) // blocks until killed; a bare select{} counts as a deadlock
	signal.Notify(stop, syscall.SIGTERM)
	<-stop
}
