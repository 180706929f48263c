import './base.css';
import './doctor.css';
import './lifecycle.css';
